import ArgumentParser
import Foundation
import PatchLabBench

/// `patchlab bench fidelity`: a production capture plus scoring against the same probe over ssh by hand.
struct BenchFidelityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fidelity",
        abstract: "Capture and scoring against running the probe over ssh by hand, in the same run.",
        discussion: "By default this machine's test sshd (scripts/test-sshd) stands in for production."
    )

    @Argument(help: "The ssh destination to capture.")
    var host: String = "patchlab-test-prod"

    @Option(name: .customLong("ssh-config"), help: "An ssh config file (ssh -F).")
    var sshConfig: String = "/var/lib/patchlab/test-sshd/ssh_config"

    @Option(name: .customLong("ssh-option"), help: "An ssh -o option (repeatable).")
    var sshOptions: [String] = []

    @Option(help: "Generated config files watched with /etc, for a production-sized watch.")
    var extraFiles: Int = 2400

    @Option(help: "Alternating rounds; each side's median is reported.")
    var rounds: Int = 5

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (1...50).contains(rounds) else { throw ValidationError("--rounds must be from 1 to 50") }
        guard (0...100_000).contains(extraFiles) else { throw ValidationError("--extra-files must be from 0 to 100000") }
    }

    func run() async throws {
        try await reportingErrors {
            let showProgress = output.showsProgress
            let figures = try await FidelityBenchmark(host: host, sshOptions: sshOptions, sshConfig: sshConfig, extraFiles: extraFiles)
                .run(rounds: rounds) { if showProgress { Console.out("  \($0)") } }
            if output.json { return try Console.json(figures) }
            let ms = { (seconds: Double) in String(format: "%.0f", seconds * 1000) }
            Console.out(
                TextTable.render([
                    ["PACKAGES", "FILES", "SSH BY HAND (ms)", "CAPTURE (ms)", "SAVE (ms)", "READ+SCORE (ms)", "PATCHLAB (ms)", "RATIO"],
                    [
                        String(figures.packages), String(figures.files), ms(figures.floorSeconds), ms(figures.captureSeconds),
                        ms(figures.saveSeconds), ms(figures.scoringSeconds), ms(figures.patchlabSeconds),
                        String(format: "%.2fx", figures.ratio),
                    ],
                ]))
            Console.out("target: RATIO <= 1.2")
        }
    }
}
