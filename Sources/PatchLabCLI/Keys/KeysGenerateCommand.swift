import ArgumentParser
import Foundation
import PatchLabEvidence

/// `patchlab keys generate --name NAME`: an Ed25519 key pair (PEM, PKCS#8 and SPKI) for signing packets.
struct KeysGenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate an Ed25519 key pair for signing packets.",
        discussion: """
            Writes NAME.key (mode 0600) and NAME.pub into $PATCHLAB_HOME/keys (or --out) and, unless --no-trust, \
            adds NAME.pub to this host's trusted keys. Give NAME.pub to whoever verifies your packets. Never \
            overwrites an existing key.
            """
    )

    @Option(help: "The key's name, e.g. lab-signer or alice.")
    var name: String

    @Option(help: "Folder for the key files (default: $PATCHLAB_HOME/keys).")
    var out: String?

    @Flag(help: "Do not add the public key to this host's trusted keys.")
    var noTrust = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        try KeyRing.checkName(name)
    }

    func run() async throws {
        try await reportingErrors {
            let ring = KeyRing(environment: try CLIContext.environment())
            let made = try ring.generate(name: name, in: out, trust: !noTrust)
            if output.json {
                return try Console.json([
                    "name": name, "private": made.privatePath, "public": made.publicPath,
                    "keyid": made.key.publicKey.keyID, "trusted": noTrust ? "no" : "yes",
                ])
            }
            Console.out("private key: \(made.privatePath) (keep it secret)")
            Console.out("public key:  \(made.publicPath)")
            Console.out("keyid:       \(made.key.publicKey.keyID)")
            Console.out(noTrust ? "not trusted on this host (--no-trust)" : "trusted on this host: \(ring.trustedDirectory)/\(name).pub")
        }
    }
}
