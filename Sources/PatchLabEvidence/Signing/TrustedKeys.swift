import Foundation

/// The public keys a verifier trusts: a signature by any other key proves nothing.
///
/// Loaded from a directory of `*.pub` PEM files (one signer per file, named after the file) or
/// from one file holding one or more PEM public keys.
public struct TrustedKeys: Sendable {
    /// The keys, without duplicates, in the order given (files sorted by name).
    public var keys: [VerifyingKey]

    public init(_ keys: [VerifyingKey]) {
        var seen = Set<VerifyingKey>()
        self.keys = keys.filter { seen.insert($0).inserted }
    }

    /// The keys at `path`: every `*.pub` file of a directory, or every key in one file.
    ///
    /// - Throws: ``KeyError`` naming the file when the path is missing, a file holds no public key,
    ///   or a block in it is not an Ed25519 public key; an empty directory is an error too, since
    ///   trusting nobody is never what was meant. The folder and each key file must be safe from
    ///   other users (``KeyPermissions``): whoever can change them decides what verifies.
    public static func load(from path: String) throws -> TrustedKeys {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw KeyError.io(path: path, reason: "no such file or directory of trusted public keys")
        }
        guard isDirectory.boolValue else { return TrustedKeys(try keys(inFile: path)) }
        try KeyPermissions.check(path, holding: "trusted-keys folder")

        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw KeyError.io(path: path, reason: "cannot list the directory (check its permissions)")
        }
        let files = names.filter { $0.hasSuffix(".pub") && !$0.hasPrefix(".") }.sorted()
        guard !files.isEmpty else { throw KeyError.noKeysFound(path: path) }
        let directory = URL(fileURLWithPath: path)
        return TrustedKeys(try files.flatMap { try keys(inFile: directory.appendingPathComponent($0).path) })
    }

    /// Every `PUBLIC KEY` block of a file, named after the file (`alice`, or `alice#2` for the
    /// second of several).
    private static func keys(inFile path: String) throws -> [VerifyingKey] {
        try KeyPermissions.check(path, holding: "trusted key file")
        let text = try KeyFile.read(path)
        let stem = KeyFile.stem(path)
        do {
            let blocks = try PEMBlock.parse(text)
            guard !blocks.isEmpty else { throw KeyError.noPEMBlock(expected: "PUBLIC KEY") }
            return try blocks.enumerated().map { index, block in
                guard block.label == "PUBLIC KEY" else {
                    throw KeyError.wrongKind(found: block.label, expected: "PUBLIC KEY")
                }
                return try VerifyingKey(der: block.der, name: blocks.count == 1 ? stem : "\(stem)#\(index + 1)")
            }
        } catch let error as KeyError {
            throw KeyError.file(path: path, problem: error)
        }
    }
}
