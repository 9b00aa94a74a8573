import Foundation

/// An in-toto Statement v1 (https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md):
/// binds a typed predicate — what is claimed — to the artifacts it is claimed about.
///
/// JSON: `{"_type": "https://in-toto.io/Statement/v1", "subject": […], "predicateType": "…", "predicate": {…}}`.
/// It travels as the payload of a ``DSSEEnvelope`` with payload type ``payloadType``.
public struct InTotoStatement<Predicate: Codable & Sendable>: Codable, Sendable {
    /// The `_type` of every v1 statement.
    public static var statementType: String { "https://in-toto.io/Statement/v1" }
    /// The DSSE payload type of an in-toto statement.
    public static var payloadType: String { "application/vnd.in-toto+json" }

    public var subject: [ResourceDescriptor]
    /// A URI naming the predicate's schema, e.g. ``TestResultPredicate/predicateType``.
    public var predicateType: String
    public var predicate: Predicate

    public init(subject: [ResourceDescriptor], predicateType: String, predicate: Predicate) {
        self.subject = subject
        self.predicateType = predicateType
        self.predicate = predicate
    }

    private enum CodingKeys: String, CodingKey {
        case type = "_type", subject, predicateType, predicate
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        guard type == Self.statementType else {
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container,
                debugDescription: "expected '\(Self.statementType)', found '\(type)'")
        }
        subject = try container.decode([ResourceDescriptor].self, forKey: .subject)
        predicateType = try container.decode(String.self, forKey: .predicateType)
        predicate = try container.decode(Predicate.self, forKey: .predicate)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.statementType, forKey: .type)
        try container.encode(subject, forKey: .subject)
        try container.encode(predicateType, forKey: .predicateType)
        try container.encode(predicate, forKey: .predicate)
    }

    /// Compact JSON with sorted keys and unescaped slashes: the bytes a DSSE envelope carries and signs.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Reads a statement, refusing another `_type` and, when given, another `predicateType`.
    /// The statement must be strict JSON (``StrictJSON``): one that names a key twice says one thing
    /// to this decoder and another to the member's browser or an auditor's tools.
    public static func decode(_ data: Data, predicateType expected: String? = nil) throws -> InTotoStatement {
        try StrictJSON.check(data)
        let statement = try JSONDecoder().decode(InTotoStatement.self, from: data)
        if let expected, statement.predicateType != expected {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: [CodingKeys.predicateType],
                    debugDescription: "expected predicate type '\(expected)', found '\(statement.predicateType)'"))
        }
        return statement
    }

    /// This statement as the payload of a DSSE envelope signed by `key`.
    public func signed(with key: SigningKey) throws -> DSSEEnvelope {
        try DSSEEnvelope.sign(payload: encoded(), payloadType: Self.payloadType, with: key)
    }
}
