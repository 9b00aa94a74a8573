import Foundation

/// `{"keyid": "…", "sig": "<base64>"}`; `keyid` may be missing, and then means the same as empty.
extension DSSEEnvelope.Signature: Codable {
    private enum CodingKeys: String, CodingKey {
        case keyid, sig
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        keyid = try container.decodeIfPresent(String.self, forKey: .keyid) ?? ""
        let index = decoder.codingPath.last?.intValue.map { "signatures[\($0)].sig" } ?? "sig"
        sig = try DSSEEnvelope.base64(container.decode(String.self, forKey: .sig), field: index)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(keyid, forKey: .keyid)
        try container.encode(sig.base64EncodedString(), forKey: .sig)
    }
}
