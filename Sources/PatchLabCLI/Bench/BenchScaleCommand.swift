import ArgumentParser
import Foundation
import PatchLabBench
import PatchLabEngine

/// `patchlab bench scale`: a whole rehearsal of N machines over several libvirt test-driver hosts,
/// fake guests, against the raw calls in the same run; time per machine as N grows, peak memory,
/// and the boots in flight per host.
struct BenchScaleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scale",
        abstract: "Orchestration cost per machine from 50 to 500 machines over 5 test-driver hosts, against the raw floor.")

    @Option(help: "Comma-separated machine counts.")
    var machines: String = "50,100,250,500"

    @Option(help: "How many hosts (each a libvirt test driver of its own).")
    var hosts: Int = 5

    @Option(name: .customLong("max-parallel-boots"), help: "Each host's max_parallel_boots.")
    var maxParallelBoots: Int = 8

    @OptionGroup var output: OutputOptions

    var counts: [Int] { machines.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    func validate() throws {
        guard !counts.isEmpty, counts.count == machines.split(separator: ",").count, counts.allSatisfy({ (1...1000).contains($0) }) else {
            throw ValidationError("--machines takes counts from 1 to 1000, e.g. 50,100,250,500")
        }
        guard (1...20).contains(hosts) else { throw ValidationError("--hosts takes 1 to 20") }
        guard (1...64).contains(maxParallelBoots) else { throw ValidationError("--max-parallel-boots takes 1 to 64") }
    }

    func run() async throws {
        try await reportingErrors {
            let showProgress = output.showsProgress
            let report = try await ScaleBenchmark(hosts: hosts, bootLimit: maxParallelBoots)
                .run(machineCounts: counts) { if showProgress { Console.out("  \($0)") } }
            if output.json { return try Console.json(report) }
            var table = [["N", "HOSTS", "RAW (s)", "PATCHLAB (s)", "RATIO", "PER MACHINE (ms)", "MAX BOOTS IN FLIGHT / LIMIT", "VERDICT"]]
            for row in report.rows {
                let inFlight = row.maxBootsInFlight.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                table.append([
                    String(row.machines), String(row.hosts), String(format: "%.2f", row.rawSeconds),
                    String(format: "%.2f", row.patchlabSeconds), String(format: "%.2fx", row.ratio),
                    String(format: "%.2f", row.patchlabPerMachineMs), "\(inFlight) / \(row.bootLimit)", row.verdict.title,
                ])
            }
            Console.out(TextTable.render(table))
            if let growth = report.perMachineGrowth, let first = report.rows.first, let last = report.rows.last {
                Console.out(
                    String(format: "time per machine, N=%d against N=%d: %.2fx (target <= 1.20)", last.machines, first.machines, growth))
            }
            Console.out(String(format: "peak memory (VmHWM): %.0f MiB (target < 300 MiB at 500 machines)", report.peakMemoryMiB))
        }
    }
}
