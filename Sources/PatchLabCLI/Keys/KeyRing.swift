import ArgumentParser
import Foundation
import PatchLabEngine
import PatchLabEvidence

/// Where this host keeps signing keys and the public keys it trusts: `$PATCHLAB_HOME/keys/NAME.key`
/// (+ `NAME.pub`) and `$PATCHLAB_HOME/trusted-keys/` (or `$PATCHLAB_TRUSTED_KEYS`).
struct KeyRing {
    static let defaultSigner = "lab-signer"

    let keysDirectory: String
    let trustedDirectory: String

    init(environment: EngineEnvironment, variables: [String: String] = ProcessInfo.processInfo.environment) {
        keysDirectory = environment.home + "/keys"
        trustedDirectory = variables["PATCHLAB_TRUSTED_KEYS"] ?? environment.home + "/trusted-keys"
    }

    func privateKeyPath(_ name: String) -> String { "\(keysDirectory)/\(name).key" }

    /// A name (`lab-signer`) means a key of this ring; anything with a `/` or `.key` is a path.
    func resolve(_ nameOrPath: String) -> String {
        nameOrPath.contains("/") || nameOrPath.hasSuffix(".key") || nameOrPath.hasSuffix(".pem") ? nameOrPath : privateKeyPath(nameOrPath)
    }

    /// Generates a key pair under `directory` (the ring's by default) and, unless told not to, trusts
    /// its public half on this host.
    func generate(name: String, in directory: String? = nil, trust: Bool) throws -> (key: SigningKey, privatePath: String, publicPath: String) {
        let folder = directory ?? keysDirectory
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let key = SigningKey.generate()
        let privatePath = "\(folder)/\(name).key"
        let publicPath = try key.write(to: privatePath)
        if trust { try self.trust(publicKeyAt: publicPath, as: name) }
        return (key, privatePath, publicPath)
    }

    func trust(publicKeyAt path: String, as name: String) throws {
        let key = try VerifyingKey(contentsOfFile: path)
        try FileManager.default.createDirectory(atPath: trustedDirectory, withIntermediateDirectories: true)
        let target = "\(trustedDirectory)/\(name).pub"
        if let existing = try? VerifyingKey(contentsOfFile: target), existing.keyID != key.keyID {
            throw ValidationError("\(target) already trusts another key named \(name); pick another name")
        }
        try Data(key.pem.utf8).write(to: URL(fileURLWithPath: target))
    }

    func trustedKeys(override: String? = nil) throws -> TrustedKeys {
        try TrustedKeys.load(from: override ?? trustedDirectory)
    }

    /// The key a rehearsal signs with. The default key is made (and trusted here) the first time, so
    /// a fresh host produces signed packets; a key named explicitly must exist.
    func signingKey(_ requested: String?, note: (String) -> Void) throws -> SigningKey {
        let path = resolve(requested ?? Self.defaultSigner)
        if FileManager.default.fileExists(atPath: path) { return try SigningKey(contentsOfFile: path) }
        guard requested == nil || requested == Self.defaultSigner else {
            throw ValidationError("no signing key at \(path); make one with `patchlab keys generate --name NAME`")
        }
        let made = try generate(name: Self.defaultSigner, trust: true)
        note("made signing key \(made.privatePath) (keyid \(made.key.publicKey.keyID.prefix(16))…) and trusted it on this host")
        return made.key
    }
}
