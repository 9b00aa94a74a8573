import ArgumentParser
import Foundation
import PatchLabEngine

/// `patchlab runs list`: the recorded runs, newest first.
struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs", abstract: "List recorded runs.",
        subcommands: [RunsListCommand.self, RunsShowCommand.self])
}

/// `patchlab runs list`.
struct RunsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List recorded runs, newest first.")

    @Option(help: "How many runs to list.")
    var limit: Int = 20

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingErrors {
            let runs = try RunStore(environment: try CLIContext.environment()).runs(limit: limit)
            if output.json { return try Console.json(runs) }
            var rows = [["RUN", "KIND", "SUBJECT", "LAB", "STATUS", "VERDICT", "STARTED", "SECONDS"]]
            let dates = ISO8601DateFormatter()
            for run in runs {
                let seconds = run.endedAt.map { String(format: "%.1f", $0.timeIntervalSince(run.startedAt)) } ?? "-"
                rows.append([
                    run.id, run.kind.rawValue, run.subject, run.lab, run.status.rawValue, run.verdict?.rawValue ?? "-",
                    dates.string(from: run.startedAt), seconds,
                ])
            }
            Console.out(TextTable.render(rows))
        }
    }
}
