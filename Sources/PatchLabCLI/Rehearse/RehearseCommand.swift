import ArgumentParser
import Foundation
import PatchLabEngine
import PatchLabEvidence
import PatchLabModel

/// `patchlab rehearse CHANGE.yaml`: the whole rehearsal, ending in a verdict.
/// Exit status: 0 GO, 1 NO-GO, 2 the harness or the lab failed.
struct RehearseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rehearse",
        abstract: "Rehearse a change: baseline, snapshot, patch, post-patch, rollback, proof, verdict.",
        discussion: """
            Exits 0 for GO, 1 for NO-GO, 2 when the harness or the lab failed. Ctrl-C stops at the next safe \
            point and rolls back what was patched; a second Ctrl-C leaves at once (then run `patchlab recover`).
            """
    )

    @Argument(help: "The change file, e.g. changes/CHG-0001-nginx-security-update.yaml.")
    var changeFile: String

    @Flag(help: "Leave the lab up, with a ready snapshot, so the next rehearsal starts warm.")
    var keepLab = false

    @Option(help: "Only patch these machines (comma-separated names).")
    var machines: String?

    @Flag(help: "Emergency changes only: run just the critical cases of the plans (the packet says so).")
    var reduced = false

    @OptionGroup var evidence: EvidenceOptions

    @OptionGroup var production: ProductionOptions

    @OptionGroup var output: OutputOptions

    func run() async throws {
        var exitStatus: Int32 = 0
        try await reportingErrors(exitStatus: 2) {
            // Everything the rehearsal reads, loaded and checked once: a bad file is refused before anything starts.
            let inputs = try RehearsalInputs.load(changeFile, machines: machines.map { $0.split(separator: ",").map(String.init) },
                                                  reducedPlan: reduced)
            let environment = try CLIContext.environment()
            let showProgress = !output.json
            let signingKey = try evidence.signingKey(environment: environment, showingNotes: showProgress)
            let interrupt = InterruptSignal { if showProgress { Console.err("interrupt: stopping at the next safe point and rolling back…") } }
            interrupt.install()
            let rehearsal = Rehearsal(provisioner: LabProvisioner(environment: environment),
                                      store: try RunStore(environment: environment), interrupt: interrupt)
            let options = RehearsalOptions(keepLab: keepLab, reducedPlan: reduced, productionDirectory: production.directory)
            let result = try await rehearsal.run(inputs, options: options, progress: RehearsalPrinter(enabled: showProgress).print)
            let folder = RunFolder(path: result.runDirectory)
            for (phase, runs) in result.planRuns where !runs.isEmpty {
                _ = try ReportWriter.write(runs, to: folder.reports(phase))
            }
            let packet = try PacketWriter(result: result, lab: inputs.lab,
                                          signingKey: signingKey, toolVersion: PatchLabCommand.version).write(into: evidence.root)
            if output.json {
                try Console.json(result)
            } else {
                RehearsalPrinter.summary(result)
                Console.out("evidence: \(packet.folder)/\(PacketLayout.summaryHTML)")
                Console.out("          \(packet.archive) (signed, keyid \(signingKey.publicKey.keyID.prefix(16))…)")
            }
            exitStatus = result.verdict == .noGo ? 1 : 0
        }
        if exitStatus != 0 { throw ExitCode(exitStatus) }
    }
}
