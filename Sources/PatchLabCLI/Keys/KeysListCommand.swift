import ArgumentParser
import Foundation
import PatchLabEvidence

/// `patchlab keys list`: the public keys this host trusts when verifying packets.
struct KeysListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the keys trusted on this host.")

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingErrors {
            let ring = KeyRing(environment: try CLIContext.environment())
            let keys = FileManager.default.fileExists(atPath: ring.trustedDirectory) ? try ring.trustedKeys().keys : []
            if output.json { return try Console.json(keys.map { ["name": $0.name ?? "", "keyid": $0.keyID] }) }
            if keys.isEmpty { return Console.out("no trusted keys in \(ring.trustedDirectory)") }
            var rows = [["NAME", "KEYID"]]
            for key in keys { rows.append([key.name ?? "-", key.keyID]) }
            Console.out(TextTable.render(rows))
        }
    }
}
