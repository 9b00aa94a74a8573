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

    /// The longest key name: a file name with room for `.key`/`.pub`, and short enough to read in a list.
    static let maximumNameLength = 64

    /// A key's name becomes a file name in a keys folder, so it is a plain name only: 1 to 64
    /// letters, digits, '.', '_' or '-', starting with a letter or digit (so never hidden, never an
    /// option), without '..'. No '/', no control character, nothing outside ASCII.
    ///
    /// - Parameter label: how the message names where the name came from (`--name`).
    static func checkName(_ name: String, label: String = "--name") throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-".unicodeScalars)
        let scalars = name.unicodeScalars
        guard let first = scalars.first, first != ".", first != "_", first != "-",
            scalars.count <= maximumNameLength, scalars.allSatisfy(allowed.contains), !name.contains("..")
        else {
            throw ValidationError(
                "\(label) \(name.debugDescription): a key name is 1 to \(maximumNameLength) letters, digits, '.', '_' "
                    + "or '-', starting with a letter or digit, without '..' (it becomes a file name in the keys folder)")
        }
    }

    /// A name (`lab-signer`) means a key of this ring; anything with a `/` or `.key` is a path.
    func resolve(_ nameOrPath: String) -> String {
        nameOrPath.contains("/") || nameOrPath.hasSuffix(".key") || nameOrPath.hasSuffix(".pem") ? nameOrPath : privateKeyPath(nameOrPath)
    }

    /// Generates a key pair under `directory` (the ring's by default) and, unless told not to, trusts
    /// its public half on this host.
    func generate(name: String, in directory: String? = nil, trust: Bool) throws -> (
        key: SigningKey, privatePath: String, publicPath: String
    ) {
        try Self.checkName(name)
        let folder = directory ?? keysDirectory
        try FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        // A folder others can write to would let them swap the key before anything is signed with it.
        try KeyPermissions.check(folder, holding: "keys folder")
        let key = SigningKey.generate()
        let privatePath = "\(folder)/\(name).key"
        let publicPath = try key.write(to: privatePath)
        if trust { try self.trust(publicKeyAt: publicPath, as: name) }
        return (key, privatePath, publicPath)
    }

    /// Adds the public key at `path` to this host's trusted keys as `NAME.pub`.
    ///
    /// - Parameter label: where `name` came from, for the message when it is not a plain name.
    func trust(publicKeyAt path: String, as name: String, label: String = "--name") throws {
        try Self.checkName(name, label: label)
        let key = try VerifyingKey(contentsOfFile: path)
        try FileManager.default.createDirectory(
            atPath: trustedDirectory, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o755])
        try KeyPermissions.check(trustedDirectory, holding: "trusted-keys folder")
        let target = "\(trustedDirectory)/\(name).pub"
        if FileManager.default.fileExists(atPath: target) {
            try KeyPermissions.check(target, holding: "trusted key file")
            if let existing = try? VerifyingKey(contentsOfFile: target), existing.keyID != key.keyID {
                throw ValidationError("\(target) already trusts another key named \(name); pick another name")
            }
        }
        try Data(key.pem.utf8).write(to: URL(fileURLWithPath: target))
        // Readable by all (it is public), writable by this user only, whatever the umask.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: target)
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
