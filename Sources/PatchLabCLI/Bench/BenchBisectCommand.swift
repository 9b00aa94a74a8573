import ArgumentParser
import Foundation
import PatchLabBench

/// `patchlab bench bisect`: subset runs against batch size, for one culprit, on the test driver.
struct BenchBisectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bisect",
        abstract: "Subset runs a bisection takes to find one culprit among n patches, against ceil(log2 n)+1 (test driver, no VM).")

    @Option(help: "Batch sizes, comma-separated.")
    var sizes: String = "4,16,64"

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingErrors {
            let sizes = try sizes.split(separator: ",").map { text -> Int in
                guard let n = Int(text.trimmingCharacters(in: .whitespaces)), (2...256).contains(n) else {
                    throw ValidationError("--sizes: '\(text)' is not a batch size from 2 to 256")
                }
                return n
            }
            let showProgress = output.showsProgress
            let figures = try await BisectionBenchmark().run(sizes: sizes) { if showProgress { Console.err("  \($0)") } }
            if output.json { return try Console.json(figures) }
            var rows = [
                [
                    "PATCHES", "CEIL(LOG2 N)", "BOUND (LOG2+1)", "SUBSET RUNS (MAX)", "MEAN", "REVERTS (MAX)", "CULPRIT POSITIONS",
                    "S PER REHEARSAL",
                ]
            ]
            for figure in figures {
                rows.append([
                    "\(figure.patches)", "\(figure.log2)", "\(figure.log2 + 1)", "\(figure.maxSubsetRuns)",
                    String(format: "%.2f", figure.meanSubsetRuns), "\(figure.maxReverts)",
                    figure.positions.map(String.init).joined(separator: ","), String(format: "%.2f", figure.meanSeconds),
                ])
            }
            Console.out(TextTable.render(rows))
            Console.out(
                "one rehearsal per culprit position (test:///default, one machine, fake guest side); each subset run reverts the machine")
        }
    }
}
