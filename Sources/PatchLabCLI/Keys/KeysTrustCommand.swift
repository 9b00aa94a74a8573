import ArgumentParser
import Foundation
import PatchLabEvidence

/// `patchlab keys trust FILE.pub`: trust another signer's public key on this host.
struct KeysTrustCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "trust", abstract: "Trust a public key (PEM) on this host.")

    @Argument(help: "The public key file (PEM, as `keys generate` writes it).")
    var publicKey: String

    @Option(help: "The name to trust it under (default: the file's name without extension): letters, digits, '.', '_', '-'.")
    var name: String?

    func validate() throws {
        if let name { try KeyRing.checkName(name) }
    }

    func run() async throws {
        try await reportingErrors {
            let ring = KeyRing(environment: try CLIContext.environment())
            let keyName = name ?? ((publicKey as NSString).lastPathComponent as NSString).deletingPathExtension
            try ring.trust(
                publicKeyAt: publicKey, as: keyName,
                label: name == nil ? "the name taken from the file's name (give one with --name)" : "--name")
            Console.out("trusted \(keyName) (keyid \(try VerifyingKey(contentsOfFile: publicKey).keyID))")
        }
    }
}
