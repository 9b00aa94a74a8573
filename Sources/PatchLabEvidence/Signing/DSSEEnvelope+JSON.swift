import Foundation

/// The JSON envelope: `{"payload": "<base64>", "payloadType": "…", "signatures": [{"keyid": "…", "sig": "<base64>"}]}`.
///
/// Written with standard base64; read with standard or URL-safe base64, padded or not, and a
/// missing `keyid` read as empty, as envelope.md and protocol.md require of verifiers.
extension DSSEEnvelope: Codable {
    private enum CodingKeys: String, CodingKey {
        case payloadType, payload, signatures
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        payloadType = try container.decode(String.self, forKey: .payloadType)
        payload = try Self.base64(container.decode(String.self, forKey: .payload), field: "payload")
        signatures = try container.decode([Signature].self, forKey: .signatures)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(payloadType, forKey: .payloadType)
        try container.encode(payload.base64EncodedString(), forKey: .payload)
        try container.encode(signatures, forKey: .signatures)
    }

    /// The envelope as JSON: keys sorted, pretty printed, slashes unescaped, ending with a line end.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// Reads a JSON envelope.
    ///
    /// - Throws: ``SignatureError/malformedEnvelope(_:)`` naming the missing or bad field.
    public static func decode(_ data: Data) throws -> DSSEEnvelope {
        do {
            let envelope = try JSONDecoder().decode(DSSEEnvelope.self, from: data)
            // An envelope other readers would read otherwise (a `payload` given twice) is no envelope.
            do { try StrictJSON.check(data) } catch { throw SignatureError.malformedEnvelope("\(error)") }
            return envelope
        } catch let error as SignatureError {
            throw error
        } catch let DecodingError.keyNotFound(key, context) {
            throw SignatureError.malformedEnvelope("missing field '\(path(context.codingPath + [key]))'")
        } catch let DecodingError.typeMismatch(_, context) where context.codingPath.isEmpty {
            throw SignatureError.malformedEnvelope("expected a JSON object with payloadType, payload and signatures")
        } catch let DecodingError.typeMismatch(_, context) {
            throw SignatureError.malformedEnvelope("field '\(path(context.codingPath))' has the wrong type")
        } catch let DecodingError.valueNotFound(_, context) {
            throw SignatureError.malformedEnvelope("field '\(path(context.codingPath))' is null")
        } catch {
            throw SignatureError.malformedEnvelope("not JSON")
        }
    }

    /// Bytes from standard or URL-safe base64, with or without padding.
    static func base64(_ text: String, field: String) throws -> Data {
        var normalized = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        if normalized.count % 4 != 0 { normalized += String(repeating: "=", count: 4 - normalized.count % 4) }
        guard let data = Data(base64Encoded: normalized) else {
            throw SignatureError.malformedEnvelope("'\(field)' is not base64")
        }
        return data
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        String(keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().dropFirst())
    }
}
