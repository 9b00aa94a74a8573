import ArgumentParser
import Foundation
import PatchLabEngine
import PatchLabModel

/// `patchlab lab fidelity LAB.yaml`: each machine of an up lab against the production host it mirrors.
struct LabFidelityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fidelity",
        abstract: "Score how closely each lab machine mirrors its production host (the lab must be up).",
        discussion: """
            Each machine is fingerprinted through its guest agent, with the watch list of its host's capture, and \
            compared per dimension: OS and kernel, packages, services, listening ports, watched files. A dimension's \
            score is the share of its facts that are the same on both sides; the overall score weighs them \
            packages 0.35, services 0.20, files 0.20, OS and kernel 0.15, ports 0.10 (docs/fidelity.md). \
            Exits 1 when a machine scores below --min or has no capture to be scored against.
            """
    )

    @Argument(help: "The lab file, e.g. labs/demo.yaml.")
    var labFile: String

    @Option(help: "Only these machines (comma-separated names).")
    var machines: String?

    @Option(help: "Exit 1 when a machine's overall score is below this (0 to 1).")
    var min: Double?

    @Option(help: "A change file: also compare where the packages its .deb files patch start.")
    var change: String?

    @Flag(help: "List every difference (default: the first 20 per dimension).")
    var all = false

    @OptionGroup var production: ProductionOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let min, !(0...1).contains(min) { throw ValidationError("--min must be a score from 0 to 1") }
    }

    func run() async throws {
        var below = false
        try await reportingErrors {
            let lab = try CLIContext.lab(labFile)
            let changeValue = try change.map { try Change.load(contentsOf: $0) }
            let report = try await LabFidelity(provisioner: try CLIContext.provisioner(), store: try production.store())
                .report(lab: lab, machines: machines.map { $0.split(separator: ",").map(String.init) }, change: changeValue)
            if let min {
                below = report.machines.contains { !FidelityDemand(min: min).isMet(by: $0.computedScore) }
            }
            if output.json { return try Console.json(report) }
            for line in FidelityPrinter.lines(report, limit: all ? nil : 20) { Console.out(line) }
            if let min, below { Console.out("below the minimum of \(FidelityReport.format(min))") }
        }
        if below { throw ExitCode(1) }
    }
}
