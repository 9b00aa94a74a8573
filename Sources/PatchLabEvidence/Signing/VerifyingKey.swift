import Crypto
import Foundation

/// An Ed25519 public key: what a verifier holds to check evidence signed by the matching ``SigningKey``.
///
/// Files are PEM SubjectPublicKeyInfo (`-----BEGIN PUBLIC KEY-----`), as openssl and Python
/// `cryptography` write them. Two values are equal when the key bytes are, whatever their ``name``.
public struct VerifyingKey: Sendable, Hashable {
    let key: Curve25519.Signing.PublicKey

    /// Where the key came from, for messages: the file name without its extension when loaded from a file.
    public var name: String?

    init(_ key: Curve25519.Signing.PublicKey, name: String? = nil) {
        self.key = key
        self.name = name
    }

    /// The key from the 32 raw bytes of an Ed25519 public key.
    public init(rawRepresentation: Data, name: String? = nil) throws {
        guard rawRepresentation.count == 32,
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: rawRepresentation)
        else {
            throw KeyError.malformedDER("an Ed25519 public key is 32 bytes, found \(rawRepresentation.count)")
        }
        self.init(key, name: name)
    }

    /// The key from PEM text holding exactly one `PUBLIC KEY` block.
    public init(pem: String) throws {
        try self.init(der: PEMBlock.single(in: pem, label: "PUBLIC KEY").der)
    }

    /// The key from a PEM file; errors name the file, and ``name`` is the file name without extension.
    public init(contentsOfFile path: String) throws {
        let text = try KeyFile.read(path)
        do {
            try self.init(pem: text)
        } catch let error as KeyError {
            throw KeyError.file(path: path, problem: error)
        }
        name = KeyFile.stem(path)
    }

    init(der: Data, name: String? = nil) throws {
        try self.init(rawRepresentation: Ed25519DER.rawPublicKey(fromSubjectPublicKeyInfo: der), name: name)
    }

    /// The PEM SubjectPublicKeyInfo text, ending with a line end.
    public var pem: String {
        PEMBlock(label: "PUBLIC KEY", der: Ed25519DER.subjectPublicKeyInfo(raw: rawRepresentation)).text
    }

    /// The 32 raw bytes of the public key.
    public var rawRepresentation: Data { key.rawRepresentation }

    /// Hex SHA-256 of the raw 32-byte public key: a hint for finding the key, never a reason to trust.
    ///
    /// Anyone can write any key id into an envelope, so verification tries every trusted key.
    public var keyID: String {
        rawRepresentation.sha256Hex
    }

    /// Whether `signature` is this key's Ed25519 signature of exactly `data`.
    public func isValidSignature(_ signature: Data, for data: Data) -> Bool {
        key.isValidSignature(signature, for: data)
    }

    /// The name when there is one, else a short key id, for messages.
    public var label: String {
        name ?? "key \(keyID.prefix(16))"
    }

    public static func == (lhs: VerifyingKey, rhs: VerifyingKey) -> Bool {
        lhs.rawRepresentation == rhs.rawRepresentation
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rawRepresentation)
    }
}
