import ArgumentParser
import Foundation
import PatchLabEvidence

/// `patchlab packet show PACKET`: the summary of a packet on the terminal.
struct PacketShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print a packet's summary (folder or .tar.gz).",
        discussion: "Showing does not verify: run `patchlab packet verify` before trusting what it says.")

    @Argument(help: "The packet folder (evidence/CHANGE/RUN) or its .tar.gz.")
    var packet: String

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingErrors {
            let overview = try PacketReader.overview(of: packet)
            if output.json { return try Console.json(overview.result) }
            Console.out(PacketSummaryText.render(overview, colour: isatty(STDOUT_FILENO) == 1))
        }
    }
}
