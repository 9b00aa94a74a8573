import ArgumentParser
import Foundation
import PatchLabEngine
import PatchLabModel

/// `patchlab runs show RUN_ID`: a run's phases, results, fingerprints and timings.
struct RunsShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one run: phases, results, proof, timings.")

    @Argument(help: "The run id (see `patchlab runs list`).")
    var runID: String

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingErrors {
            let store = try RunStore(environment: try CLIContext.environment())
            guard let run = try store.run(id: runID) else {
                throw ValidationError("no run \(runID) in \(store.path); `patchlab runs list` shows the recorded runs")
            }
            if let details = run.details, run.kind == .rehearsal {
                let result = try RunStore.decoder.decode(RehearsalResult.self, from: Data(details.utf8))
                if output.json { return try Console.json(result) }
                RehearsalPrinter.summary(result)
                return
            }
            let planRuns = try store.planRuns(runID: runID)
            if output.json { return try Console.json(planRuns) }
            Console.out(
                "run \(run.id): \(run.kind.rawValue) \(run.subject) on lab \(run.lab), \(run.status.rawValue), verdict \(run.verdict?.rawValue ?? "-")"
            )
            for planRun in planRuns {
                Console.out("plan \(planRun.planID)\(planRun.phase.map { " (\($0))" } ?? ""): \(planRun.verdict.title)")
                for result in planRun.results {
                    Console.out("  \(CaseLinePrinter.mark(result.state)) \(result.caseID) on \(result.machine): \(result.title)")
                }
            }
            let journal = try store.journal(runID: runID)
            if !journal.isEmpty {
                Console.out("journal:")
                for entry in journal {
                    Console.out(
                        "  \(entry.at.formatted(.iso8601)) \(entry.action) \(entry.machine ?? "") \(entry.objectName ?? "") \(entry.status.rawValue)"
                    )
                }
            }
        }
    }
}
