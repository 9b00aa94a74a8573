import ArgumentParser
import Foundation
import PatchLabBench
import Libvirt
import PatchLabEngine

/// `patchlab bench rehearse`: phase times, harness overhead over the raw libvirt/agent operations,
/// snapshot cost against raw virsh, warm start against cold up.
struct BenchRehearseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rehearse",
        abstract:
            "Rehearsal phase times, harness overhead over raw libvirt/agent operations, snapshot cost vs raw virsh, warm vs cold start.")

    @Argument(help: "The change to rehearse.")
    var changeFile: String = "changes/CHG-0001-nginx-security-update.yaml"

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingErrors {
            let environment = try CLIContext.environment()
            let rehearsal = Rehearsal(provisioner: LabProvisioner(environment: environment), store: try RunStore(environment: environment))
            let showProgress = output.showsProgress
            let f = try await RehearsalBenchmark(rehearsal: rehearsal).run(try RehearsalInputs.load(changeFile)) {
                if showProgress { Console.out("  \($0)") }
            }
            if output.json { return try Console.json(f) }
            func s(_ value: Double) -> String { String(format: "%.2f", value) }
            func ratio(_ ops: OperationSummary) -> String { ops.overhead.isFinite ? s(ops.overhead) + "x" : "-" }
            func overheadRow(_ title: String, _ ops: OperationSummary, target: String) -> [String] {
                [title, s(ops.wallSeconds), s(ops.busySeconds), ratio(ops), target]
            }
            Console.out(
                TextTable.render([
                    ["MEASURE", "PATCHLAB (s)", "FLOOR (s)", "RATIO", "TARGET"],
                    overheadRow("harness overhead, warm rehearsal (wall / raw ops busy)", f.warmRehearsalOperations, target: "<= 1.10x"),
                    overheadRow(
                        "  same, first rehearsal (takes the ready snapshots)", f.firstRehearsalOperations, target: "(for reference)"),
                    overheadRow("  same, cold lab up", f.coldUpOperations, target: "(for reference)"),
                    [
                        "snapshot create (median of 5)", s(f.snapshotCreateSeconds), s(f.rawSnapshotCreateSeconds),
                        s(f.snapshotCreateSeconds / f.rawSnapshotCreateSeconds) + "x", "<= 1.10x",
                    ],
                    [
                        "snapshot revert + agent (median of 5)", s(f.snapshotRevertSeconds), s(f.rawSnapshotRevertSeconds),
                        s(f.snapshotRevertSeconds / f.rawSnapshotRevertSeconds) + "x", "<= 1.10x",
                    ],
                    ["warm start vs cold up", s(f.warmStartSeconds), s(f.coldUpSeconds), s(f.warmSpeedup) + "x faster", ">= 5x faster"],
                ]))
            Console.out(
                """
                raw ops busy: the time at least one raw libvirt/agent operation was running (the union of their
                intervals; operations on the two machines overlap). A guest command counts as one operation
                from guest-exec until it exited and its output was read; waiting for the agent after a boot or
                revert counts as one operation.
                """)
            let warm = f.warmRehearsalOperations
            Console.out("\nphases of the warm rehearsal (verdict \(f.verdict.title)):")
            var phaseRows = [["PHASE", "WALL (s)", "RAW OPS BUSY (s)", "WALL/BUSY", "LONGEST RAW OPERATIONS (count, summed s)"]]
            for (phase, ops) in f.warmPhaseOperations {
                let top = ops.byKind.prefix(3).map { "\($0.kind) ×\($0.count) \(s($0.seconds))" }.joined(separator: "; ")
                phaseRows.append([phase.name.rawValue, s(phase.seconds), s(ops.busySeconds), ratio(ops), top])
            }
            Console.out(TextTable.render(phaseRows))
            Console.out(
                "\nraw operations of the warm rehearsal: \(warm.operations.count), summed \(s(warm.sumSeconds)) s, "
                    + "busy \(s(warm.busySeconds)) s, wall \(s(warm.wallSeconds)) s")
            var kindRows = [["KIND", "COUNT", "SUMMED (s)"]]
            for total in warm.byKind { kindRows.append([total.kind, "\(total.count)", s(total.seconds)]) }
            Console.out(TextTable.render(kindRows))
        }
    }
}
