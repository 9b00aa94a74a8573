import ArgumentParser
import Foundation
import PatchLabBench
import PatchLabEngine

/// `patchlab bench fingerprint`: a fingerprint against the raw cost of reading the same facts.
struct BenchFingerprintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fingerprint",
        abstract: "Fingerprint cost against reading the same facts raw, on a real guest.")

    @Option(help: "Alternating rounds of floor and fingerprint; each side's median is reported.")
    var rounds: Int = 5

    @Option(help: "The golden image to boot.")
    var image: String = "debian-12"

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (1...50).contains(rounds) else { throw ValidationError("--rounds must be from 1 to 50") }
    }

    func run() async throws {
        try await reportingErrors {
            let showProgress = output.showsProgress
            let figures = try await FingerprintBenchmark(provisioner: try CLIContext.provisioner(), image: image)
                .run(rounds: rounds) { if showProgress { Console.out("  \($0)") } }
            if output.json { return try Console.json(figures) }
            let ms = { (seconds: Double) in String(format: "%.0f", seconds * 1000) }
            var rows = [["WHAT", "FLOOR (ms)", "PATCHLAB (ms)", "RATIO"]]
            rows.append([
                "whole fingerprint", ms(figures.floorSeconds), ms(figures.fingerprintSeconds), String(format: "%.2fx", figures.ratio),
            ])
            for section in figures.sections {
                rows.append([
                    "  \(section.name) alone", ms(section.floorSeconds), ms(section.probeSeconds),
                    String(format: "%.2fx", section.probeSeconds / section.floorSeconds),
                ])
            }
            Console.out(TextTable.render(rows))
            Console.out("facts: " + figures.facts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
            Console.out("target: RATIO <= 1.5 for the whole fingerprint")
        }
    }
}
