import ArgumentParser
import Foundation
import PatchLabEngine

/// `patchlab bench rehearse`: phase times, snapshot cost against raw virsh, warm start against cold up.
struct BenchRehearseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rehearse", abstract: "Rehearsal phase times, snapshot cost vs raw virsh, warm vs cold start.")

    @Argument(help: "The change to rehearse.")
    var changeFile: String = "changes/CHG-0001-nginx-security-update.yaml"

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingErrors {
            let environment = try CLIContext.environment()
            let rehearsal = Rehearsal(provisioner: LabProvisioner(environment: environment), store: try RunStore(environment: environment))
            let showProgress = output.showsProgress
            let f = try await RehearsalBenchmark(rehearsal: rehearsal).run(changeFile) { if showProgress { Console.out("  \($0)") } }
            if output.json { return try Console.json(f) }
            func s(_ value: Double) -> String { String(format: "%.2f", value) }
            Console.out(TextTable.render([
                ["MEASURE", "PATCHLAB (s)", "FLOOR (s)", "RATIO", "TARGET"],
                ["snapshot create (median of 5)", s(f.snapshotCreateSeconds), s(f.rawSnapshotCreateSeconds),
                 s(f.snapshotCreateSeconds / f.rawSnapshotCreateSeconds) + "x", "<= 1.10x"],
                ["snapshot revert + agent (median of 5)", s(f.snapshotRevertSeconds), s(f.rawSnapshotRevertSeconds),
                 s(f.snapshotRevertSeconds / f.rawSnapshotRevertSeconds) + "x", "<= 1.10x"],
                ["warm start vs cold up", s(f.warmStartSeconds), s(f.coldUpSeconds), s(f.warmSpeedup) + "x faster", ">= 5x faster"],
            ]))
            Console.out("phases of the warm rehearsal (verdict \(f.verdict.title)):")
            for phase in f.phases { Console.out("  " + phase.name.padding(toLength: 26, withPad: " ", startingAt: 0) + s(phase.seconds) + " s") }
        }
    }
}
