import ArgumentParser
import Foundation
import PatchLabBench
import PatchLabEngine

/// `patchlab bench lab`: time to ready of `lab up` for N machines vs a raw define+start+agent answer.
struct BenchLabCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lab", abstract: "Lab-up time against the raw libvirt floor, for N machines.")

    @Option(help: "Comma-separated machine counts.")
    var machines: String = "1,2,4"

    @Option(help: "The golden image to boot.")
    var image: String = "debian-12"

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard !counts.isEmpty, counts.allSatisfy({ (1...16).contains($0) }) else {
            throw ValidationError("--machines takes counts from 1 to 16, e.g. 1,2,4")
        }
    }

    var counts: [Int] { machines.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    func run() async throws {
        try await reportingErrors {
            let bench = LabBenchmark(provisioner: try CLIContext.provisioner(), image: image)
            let showProgress = output.showsProgress
            let rows = try await bench.run(machineCounts: counts) { if showProgress { Console.out("  \($0)") } }
            if output.json { return try Console.json(rows) }
            let single = rows.first { $0.machines == 1 }?.patchlabSeconds
            var table = [["N", "RAW FLOOR (s)", "PATCHLAB UP (s)", "RATIO", "VS N x SINGLE"]]
            for row in rows {
                let scaling = single.map { String(format: "%.2f", row.patchlabSeconds / (Double(row.machines) * $0)) } ?? "-"
                table.append([
                    String(row.machines), String(format: "%.1f", row.rawSeconds), String(format: "%.1f", row.patchlabSeconds),
                    String(format: "%.2fx", row.ratio), scaling,
                ])
            }
            Console.out(TextTable.render(table))
            Console.out("targets: RATIO <= 1.10 for N=1; VS N x SINGLE <= 1.00")
        }
    }
}
