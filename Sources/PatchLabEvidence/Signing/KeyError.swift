import Foundation

/// Why a signing or public key could not be read or written; each message says what to do about it.
public enum KeyError: Error, CustomStringConvertible, Equatable {
    /// The text holds no PEM block at all.
    case noPEMBlock(expected: String)
    /// A PEM block of another kind, e.g. a public key where a private key belongs.
    case wrongKind(found: String, expected: String)
    /// More than one key where exactly one belongs.
    case severalKeys(count: Int, label: String)
    /// BEGIN/END lines that do not pair up.
    case malformedPEM(String)
    /// The body of a PEM block is not base64.
    case badBase64(label: String)
    /// The base64 decodes, but not to the expected key structure.
    case malformedDER(String)
    /// A well-formed key of another algorithm.
    case notEd25519(algorithm: String)
    /// A passphrase-protected private key; signing runs unattended, so it cannot ask for one.
    case encryptedKey
    /// A problem with a particular file: its path, and what is wrong.
    indirect case file(path: String, problem: KeyError)
    /// The file could not be read or written at all.
    case io(path: String, reason: String)
    /// Writing would replace a key that may be in use.
    case fileExists(path: String)
    /// A directory of trusted keys with no `*.pub` file in it.
    case noKeysFound(path: String)
    /// A key folder or file that another user could change (``KeyPermissions``).
    case unsafePermissions(path: String, holding: String, mode: UInt16, owner: UInt32, user: UInt32)

    public var description: String {
        switch self {
        case let .noPEMBlock(expected):
            return "no PEM block found; expected '-----BEGIN \(expected)-----'"
        case let .wrongKind(found, expected):
            return "found a '\(found)' PEM block where a '\(expected)' belongs" + Self.hint(found: found, expected: expected)
        case let .severalKeys(count, label):
            return "holds \(count) '\(label)' blocks where one belongs"
        case let .malformedPEM(detail):
            return "malformed PEM: \(detail)"
        case let .badBase64(label):
            return "the '\(label)' PEM block is not valid base64"
        case let .malformedDER(detail):
            return "not an Ed25519 key in the expected DER form: \(detail)"
        case let .notEd25519(algorithm):
            return "the key's algorithm is \(algorithm), but PatchLab signs with Ed25519 only "
                + "(make one with 'openssl genpkey -algorithm ed25519')"
        case .encryptedKey:
            return "the private key is encrypted; PatchLab needs an unencrypted PKCS#8 key "
                + "(decrypt a copy with 'openssl pkey -in KEY -out PLAIN_KEY' and keep it mode 0600)"
        case let .file(path, problem):
            return "\(path): \(problem)"
        case let .io(path, reason):
            return "\(path): \(reason)"
        case let .fileExists(path):
            return "\(path) already exists; refusing to overwrite a key (move it away first)"
        case let .noKeysFound(path):
            return "\(path): no '*.pub' public key files in this directory"
        case let .unsafePermissions(path, what, mode, owner, user):
            return KeyPermissions.explain(path: path, holding: what, mode: mode, owner: owner, user: user)
        }
    }

    private static func hint(found: String, expected: String) -> String {
        switch (found, expected) {
        case ("PRIVATE KEY", "PUBLIC KEY"):
            return " (this is a private key: give the '.pub' file, and keep the private key secret)"
        case ("PUBLIC KEY", "PRIVATE KEY"):
            return " (this is a public key: signing needs the private key file)"
        case ("ENCRYPTED PRIVATE KEY", _):
            return " (encrypted keys are not supported: decrypt a copy with 'openssl pkey -in KEY -out PLAIN_KEY')"
        case ("OPENSSH PRIVATE KEY", _):
            return " (OpenSSH's own format: PatchLab reads PKCS#8 PEM, as written by 'openssl genpkey -algorithm ed25519')"
        default:
            return ""
        }
    }
}
