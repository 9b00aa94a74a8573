/// One file the patch installed, as the packet holds it: its name, where it went in the guests, its
/// digest and its size, so the board sees exactly which bytes it approves.
public struct PatchFileRecord: Sendable, Codable, Hashable {
    /// The file's name (the last part of its source path).
    public var name: String
    /// The absolute guest path it was uploaded to; nil when not known.
    public var destination: String?
    /// 64 lowercase hex digits.
    public var sha256: String
    /// In bytes; negative when the file could not be measured.
    public var size: Int64

    public init(name: String, destination: String? = nil, sha256: String, size: Int64) {
        self.name = name
        self.destination = destination
        self.sha256 = sha256
        self.size = size
    }

    /// The file as an attestation's subject: its name and digest.
    public var subject: ResourceDescriptor { ResourceDescriptor(name: name, digest: ["sha256": sha256]) }

    /// A file without a known destination still has the key (`null`), so every record has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(destination, forKey: .destination)
        try container.encode(sha256, forKey: .sha256)
        try container.encode(size, forKey: .size)
    }

    enum CodingKeys: String, CodingKey {
        case name, destination, sha256, size
    }
}
