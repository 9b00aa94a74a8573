import ArgumentParser
import Foundation
import PatchLabBench
import PatchLabEngine

/// `patchlab bench plan`: the plan runner's per-case overhead over the raw guest-agent round trip.
struct BenchPlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Per-case runner cost against raw guest-exec, on a real guest.")

    @Option(help: "How many trivial cases (and raw commands).")
    var cases: Int = 100

    @Option(help: "The golden image to boot.")
    var image: String = "debian-12"

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingErrors {
            let showProgress = output.showsProgress
            let figures = try await PlanBenchmark(provisioner: try CLIContext.provisioner(), image: image)
                .run(cases: cases) { if showProgress { Console.out("  \($0)") } }
            if output.json { return try Console.json(figures) }
            Console.out(
                TextTable.render([
                    ["CASES", "RAW GUEST-EXEC (ms)", "RUNNER PER CASE (ms)", "RATIO"],
                    [
                        String(figures.cases), String(format: "%.1f", figures.rawSecondsPerCommand * 1000),
                        String(format: "%.1f", figures.runnerSecondsPerCase * 1000), String(format: "%.2fx", figures.ratio),
                    ],
                ]))
            Console.out("target: RATIO <= 1.25")
        }
    }
}
