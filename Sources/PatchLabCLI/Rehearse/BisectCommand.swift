import ArgumentParser
import Foundation
import PatchLabEngine
import PatchLabModel

/// `patchlab bisect RUN`: finds the culprit of a batch rehearsal that failed without being bisected
/// (rehearsed with `--no-bisect`, or interrupted before its bisection ended).
/// Exit status: 0 when a culprit was found, 1 when not, 2 when the harness or the lab failed.
struct BisectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bisect",
        abstract: "Find the culprit of a failed batch rehearsal: the smallest set of its patches that reproduces the failure.",
        discussion: """
            Rehearses the run's change again (its file must still be there, with the same patches and digests): the \
            batch is applied on the pre-patch snapshots, fails again, and is bisected — reverting to the snapshot and \
            applying subsets, with no fresh boot, at most ceil(log2 n)+1 subset runs for one culprit among n \
            patches. The new run's packet holds each subset's results. A run already bisected just shows its culprit.
            """)

    @Argument(help: "The rehearsal run (see `patchlab runs list`).")
    var runID: String

    @Flag(help: "Leave the lab up, with a ready snapshot, so the next rehearsal starts warm.")
    var keepLab = false

    @OptionGroup var evidence: EvidenceOptions

    @OptionGroup var output: OutputOptions

    func run() async throws {
        var exitStatus: Int32 = 0
        try await reportingErrors(exitStatus: 2) {
            let store = try RunStore(environment: try CLIContext.environment())
            guard let run = try store.run(id: runID) else {
                throw ValidationError("no run \(runID) in \(store.path); `patchlab runs list` shows the recorded runs")
            }
            guard run.kind == .rehearsal, let details = run.details else {
                throw ValidationError("run \(runID) is not a finished rehearsal: there is no batch to bisect")
            }
            let earlier = try RunStore.decoder.decode(RehearsalResult.self, from: Data(details.utf8))
            guard earlier.change.isBatch else {
                throw ValidationError("run \(runID) rehearsed \(earlier.change.id), a change of one patch: there is nothing to bisect")
            }
            if let bisection = earlier.batch?.bisection, bisection.complete {
                if output.json { return try Console.json(bisection) }
                Console.out("run \(runID) was bisected already: \(bisection.summary)")
                return
            }
            let postPatch = earlier.planRuns[.postPatch].map {
                Verdict.decide(results: $0.flatMap(\.results).map { ($0.severity, $0.state) })
            }
            guard BatchFailure.of(installs: earlier.batch?.installs ?? [], postPatchVerdict: postPatch) != nil else {
                throw ValidationError(
                    "run \(runID) did not fail as a batch (every install succeeded and the post-patch plans were not "
                        + "NO-GO): there is no culprit to find")
            }
            let inputs = try RehearsalInputs.load(
                earlier.change.file, machines: earlier.patchedMachines.isEmpty ? nil : earlier.patchedMachines)
            let now = inputs.change.patches.map { "\($0.id) \($0.files.map(\.sha256))" }
            guard now == earlier.change.patches.map({ "\($0.id) \($0.files.map(\.sha256))" }) else {
                throw ValidationError("\(earlier.change.file) changed since run \(runID) (other patches or digests): rehearse it anew")
            }
            let result = try await RehearsalRun(evidence: evidence, output: output)
                .run(inputs, options: RehearsalOptions(keepLab: keepLab, bisect: true))
            let found = result.batch?.bisection.map { $0.complete && !$0.culprits.isEmpty } ?? false
            if !output.json && !found {
                Console.out("the batch did not fail the same way this time, so no culprit was found (see the run's results)")
            }
            exitStatus = found ? 0 : 1
        }
        if exitStatus != 0 { throw ExitCode(exitStatus) }
    }
}
