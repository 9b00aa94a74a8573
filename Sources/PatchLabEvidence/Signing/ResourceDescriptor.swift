import Foundation
import PatchLabModel

/// An in-toto ResourceDescriptor v1 (https://github.com/in-toto/attestation/blob/main/spec/v1/resource_descriptor.md):
/// names an artifact — a statement's subject, a test run's configuration — by its digest.
///
/// Unset fields are left out of the JSON; an empty `digest` is left out too, since the spec only
/// asks for one of `uri`, `digest` or `content`.
public struct ResourceDescriptor: Codable, Sendable, Hashable {
    public var name: String?
    public var uri: String?
    /// Algorithm → lowercase hex, e.g. `["sha256": "…"]`.
    public var digest: [String: String]
    /// The artifact itself, for small ones (base64 in JSON).
    public var content: Data?
    public var downloadLocation: String?
    public var mediaType: String?
    public var annotations: [String: JSONValue]?

    public init(
        name: String? = nil, uri: String? = nil, digest: [String: String], content: Data? = nil,
        downloadLocation: String? = nil, mediaType: String? = nil, annotations: [String: JSONValue]? = nil
    ) {
        self.name = name
        self.uri = uri
        self.digest = digest
        self.content = content
        self.downloadLocation = downloadLocation
        self.mediaType = mediaType
        self.annotations = annotations
    }

    /// A descriptor of `data` by its SHA-256, e.g. a file of the evidence packet.
    public static func describing(_ data: Data, name: String, mediaType: String? = nil) -> ResourceDescriptor {
        ResourceDescriptor(name: name, digest: ["sha256": data.sha256Hex], mediaType: mediaType)
    }

    private enum CodingKeys: String, CodingKey {
        case name, uri, digest, content, downloadLocation, mediaType, annotations
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        uri = try container.decodeIfPresent(String.self, forKey: .uri)
        digest = try container.decodeIfPresent([String: String].self, forKey: .digest) ?? [:]
        content = try container.decodeIfPresent(Data.self, forKey: .content)
        downloadLocation = try container.decodeIfPresent(String.self, forKey: .downloadLocation)
        mediaType = try container.decodeIfPresent(String.self, forKey: .mediaType)
        annotations = try container.decodeIfPresent([String: JSONValue].self, forKey: .annotations)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(uri, forKey: .uri)
        if !digest.isEmpty { try container.encode(digest, forKey: .digest) }
        try container.encodeIfPresent(content, forKey: .content)
        try container.encodeIfPresent(downloadLocation, forKey: .downloadLocation)
        try container.encodeIfPresent(mediaType, forKey: .mediaType)
        try container.encodeIfPresent(annotations, forKey: .annotations)
    }
}
