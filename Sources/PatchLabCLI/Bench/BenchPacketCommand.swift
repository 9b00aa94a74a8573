import ArgumentParser
import Foundation
import PatchLabBench
import PatchLabEvidence

/// `patchlab bench packet`: writing and verifying a packet with a gigabyte of logs, against
/// `sha256sum` of the same files, with each step's peak memory.
struct BenchPacketCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "packet",
        abstract: "Packet write/verify throughput and peak memory against sha256sum.")

    @Option(help: "MiB of logs in the packet.")
    var logMib: Int = 1024

    @Option(help: "Scratch folder (needs about three times the logs' size free).")
    var directory: String = FileManager.default.temporaryDirectory.path

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingErrors {
            let showProgress = output.showsProgress
            let figures = try PacketBenchmark(directory: directory, logBytes: Int64(logMib) << 20)
                .run { if showProgress { Console.out("  \($0)") } }
            if output.json { return try Console.json(figures) }
            var rows = [
                ["STEP", "SECONDS", "MiB/s", "OF sha256sum", "PEAK RSS (MiB)"],
                [
                    "sha256sum (floor)", String(format: "%.2f", figures.sha256sumSeconds),
                    String(format: "%.0f", figures.logMiB / figures.sha256sumSeconds), "1.00", "-",
                ],
            ]
            for step in figures.steps {
                rows.append([
                    step.name, String(format: "%.2f", step.seconds), String(format: "%.0f", step.throughput),
                    step.ratioToSHA256Sum.map { String(format: "%.2f", $0) } ?? "-", String(format: "%.1f", step.peakRSSMiB),
                ])
            }
            // What `rehearse` does at its end: the folder and then its archive.
            if let folder = figures.steps.first, let archive = figures.steps.dropFirst(2).first {
                let seconds = folder.seconds + archive.seconds
                rows.append([
                    "= whole packet write (folder + archive)", String(format: "%.2f", seconds),
                    String(format: "%.0f", figures.logMiB / seconds),
                    String(format: "%.2f", figures.sha256sumSeconds / seconds),
                    String(format: "%.1f", max(folder.peakRSSMiB, archive.peakRSSMiB)),
                ])
            }
            Console.out(TextTable.render(rows))
            Console.out("targets: peak RSS < 100 MiB; write and verify >= 0.50 of sha256sum's throughput")
        }
    }
}
