import Crypto
import Foundation

/// An Ed25519 private key, which signs evidence packets.
///
/// Files are PEM PKCS#8 (`-----BEGIN PRIVATE KEY-----`, unencrypted), the same bytes
/// `openssl genpkey -algorithm ed25519` and Python `cryptography` read and write, so a key can be
/// made, inspected and backed up with tools the operator already trusts.
public struct SigningKey: Sendable {
    private let key: Curve25519.Signing.PrivateKey

    private init(_ key: Curve25519.Signing.PrivateKey) {
        self.key = key
    }

    /// A new random key.
    public static func generate() -> SigningKey {
        SigningKey(Curve25519.Signing.PrivateKey())
    }

    /// The key from PEM text holding exactly one unencrypted `PRIVATE KEY` block.
    public init(pem: String) throws {
        let block = try PEMBlock.single(in: pem, label: "PRIVATE KEY")
        let seed = try Ed25519DER.seed(fromPrivateKeyInfo: block.der)
        guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed) else {
            throw KeyError.malformedDER("the seed is not a usable Ed25519 key")
        }
        self.init(key)
    }

    /// The key from a PEM file; errors name the file.
    public init(contentsOfFile path: String) throws {
        let text = try KeyFile.read(path)
        do {
            try self.init(pem: text)
        } catch let error as KeyError {
            throw KeyError.file(path: path, problem: error)
        }
    }

    /// The PEM PKCS#8 text, ending with a line end. It is the secret: write it only with ``write(privateKeyTo:publicKeyTo:)``.
    public var pem: String {
        PEMBlock(label: "PRIVATE KEY", der: Ed25519DER.privateKeyInfo(seed: key.rawRepresentation)).text
    }

    /// The matching public key, to hand to verifiers.
    public var publicKey: VerifyingKey {
        VerifyingKey(key.publicKey)
    }

    /// The Ed25519 signature (64 bytes) of `data`.
    public func sign(_ data: Data) throws -> Data {
        do {
            return try key.signature(for: data)
        } catch {
            throw SignatureError.signingFailed(String(describing: error))
        }
    }

    /// Writes the private key (mode 0600) and the public key (mode 0644).
    ///
    /// Refuses to overwrite either file, since replacing a key in use would orphan everything it
    /// signed; nothing is written when either exists.
    public func write(privateKeyTo privatePath: String, publicKeyTo publicPath: String) throws {
        for path in [privatePath, publicPath] where FileManager.default.fileExists(atPath: path) {
            throw KeyError.fileExists(path: path)
        }
        try KeyFile.create(privatePath, contents: pem, mode: 0o600)
        do {
            try KeyFile.create(publicPath, contents: publicKey.pem, mode: 0o644)
        } catch {
            // Half a key pair is worse than none: the next attempt would refuse to overwrite it.
            try? FileManager.default.removeItem(atPath: privatePath)
            throw error
        }
    }

    /// Writes the private key to `path` and the public key next to it (``publicKeyPath(for:)``).
    ///
    /// - Returns: the path of the public key file.
    @discardableResult
    public func write(to path: String) throws -> String {
        let publicPath = Self.publicKeyPath(for: path)
        try write(privateKeyTo: path, publicKeyTo: publicPath)
        return publicPath
    }

    /// Where ``write(to:)`` puts the public key: the private key's path with its `.key` or `.pem`
    /// extension replaced by `.pub`, or with `.pub` added (`signer.key` → `signer.pub`,
    /// `id_patchlab` → `id_patchlab.pub`).
    public static func publicKeyPath(for privatePath: String) -> String {
        let url = URL(fileURLWithPath: privatePath)
        let base = ["key", "pem"].contains(url.pathExtension) ? String(privatePath.dropLast(url.pathExtension.count + 1)) : privatePath
        return base + ".pub"
    }
}
