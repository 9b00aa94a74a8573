import ArgumentParser
import Foundation
import PatchLabEngine
import PatchLabModel

/// `patchlab plan diff RUN_A RUN_B`: which cases changed state between two recorded runs.
struct PlanDiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "diff", abstract: "Show which cases changed state between two runs.")

    @Argument(help: "The earlier run's id (see `patchlab runs list`).")
    var before: String

    @Argument(help: "The later run's id.")
    var after: String

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingErrors {
            let store = try RunStore(environment: try CLIContext.environment())
            for id in [before, after] where try store.run(id: id) == nil {
                throw ValidationError("no run \(id) in \(store.path); `patchlab runs list` shows the recorded runs")
            }
            let comparison = RunComparison.compare(
                try store.caseResults(runID: before), try store.caseResults(runID: after),
                beforeID: before, afterID: after)
            if output.json { return try Console.json(comparison) }
            if comparison.isSame {
                return Console.out("no case changed state (\(comparison.unchangedCount) the same)")
            }
            var rows = [["CASE", "MACHINE", before, after]]
            for change in comparison.changes {
                rows.append([change.caseID, change.machine, change.before?.rawValue ?? "(absent)", change.after?.rawValue ?? "(absent)"])
            }
            Console.out(TextTable.render(rows))
            Console.out("\(comparison.changes.count) changed, \(comparison.unchangedCount) the same")
        }
    }
}
