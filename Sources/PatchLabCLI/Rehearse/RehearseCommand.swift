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
            point and rolls back what was patched; a second Ctrl-C leaves at once (then run `patchlab recover`). \
            A batch (a change with `patches:`) that fails is bisected on the run's own snapshots to the smallest \
            set of patches that reproduces the failure, unless --no-bisect.
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

    @Flag(help: "When a batch of several patches fails, do not bisect it to its culprit (`patchlab bisect RUN` can, later).")
    var noBisect = false

    @OptionGroup var evidence: EvidenceOptions

    @OptionGroup var production: ProductionOptions

    @OptionGroup var output: OutputOptions

    func run() async throws {
        var exitStatus: Int32 = 0
        try await reportingErrors(exitStatus: 2) {
            // Everything the rehearsal reads, loaded and checked once: a bad file is refused before anything starts.
            let inputs = try RehearsalInputs.load(
                changeFile, machines: machines.map { $0.split(separator: ",").map(String.init) },
                reducedPlan: reduced)
            let options = RehearsalOptions(
                keepLab: keepLab, reducedPlan: reduced, bisect: !noBisect,
                productionDirectory: production.directory)
            let result = try await RehearsalRun(evidence: evidence, output: output).run(inputs, options: options)
            exitStatus = result.verdict == .noGo ? 1 : 0
        }
        if exitStatus != 0 { throw ExitCode(exitStatus) }
    }
}
