import ArgumentParser
import Foundation
import PatchLabEngine

/// `patchlab recover`: finishes or undoes what an interrupted run left behind.
struct RecoverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recover",
        abstract: "After a crash: revert machines an interrupted run patched, delete its snapshots, mark it interrupted."
    )

    @Flag(help: "Tear the interrupted runs' labs down instead of reverting them.")
    var teardown = false

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingErrors {
            let environment = try CLIContext.environment()
            let reports = try await Recovery(
                provisioner: LabProvisioner(environment: environment),
                store: try RunStore(environment: environment)
            ).recover(tearDownLabs: teardown)
            if output.json { return try Console.json(reports) }
            if reports.isEmpty { return Console.out("no interrupted runs") }
            for report in reports {
                Console.out("run \(report.runID) (lab \(report.lab)):")
                for action in report.actions { Console.out("  \(action)") }
                for problem in report.problems { Console.out("  problem: \(problem)") }
            }
            if reports.contains(where: { !$0.problems.isEmpty }) { throw ExitCode(1) }
        }
    }
}
