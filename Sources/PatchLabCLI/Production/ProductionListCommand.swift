import ArgumentParser
import Foundation
import PatchLabEngine
import PatchLabModel

/// `patchlab production list`: the captures in the production folder.
struct ProductionListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the production captures.")

    @OptionGroup var production: ProductionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingErrors {
            let store = try production.store()
            var summaries: [ProductionSummary] = []
            var problems: [String] = []
            for name in try store.names() {
                do {
                    let loaded = try store.load(name)
                    summaries.append(ProductionSummary(loaded.record, path: loaded.path))
                } catch {
                    problems.append("\(error)")
                }
            }
            if output.json {
                try Console.json(summaries)
            } else if summaries.isEmpty && problems.isEmpty {
                Console.out("no production captures in \(store.directory)")
            } else {
                var rows = [["NAME", "HOST", "CAPTURED", "BY", "HOW", "OS", "PACKAGES", "FILES"]]
                for s in summaries {
                    rows.append([
                        s.name, s.host, s.capturedAt.formatted(.iso8601), s.capturedBy, s.method, s.os ?? "-",
                        String(s.packages), String(s.files),
                    ])
                }
                Console.out(TextTable.render(rows))
            }
            for problem in problems { Console.err(problem) }
            if !problems.isEmpty { throw ExitCode(1) }
        }
    }
}
