import ArgumentParser
import Foundation
import PatchLabEngine
import PatchLabEvidence
import PatchLabModel

/// `patchlab plan run PLAN.yaml --lab LAB.yaml`: runs a plan against an up lab.
/// Exit status: 0 GO (with or without warnings), 1 NO-GO, 2 an error of the harness or the lab.
struct PlanRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a test plan against an up lab and give a verdict.",
        discussion: "Exits 0 for GO, 1 for NO-GO, 2 when the harness or the lab failed (never reported as a test failure)."
    )

    @Argument(help: "The plan file, e.g. testplans/web.yaml.")
    var planFile: String

    @Option(help: "The lab file of an up lab, e.g. labs/demo.yaml.")
    var lab: String

    @Option(help: "Write JUnit XML, JSON, Markdown, HTML reports and full logs here.")
    var reportDir: String?

    @Option(help: "Only these case ids, comma-separated.")
    var only: String?

    @Option(help: "Only cases with this tag (repeatable).")
    var tag: [String] = []

    @OptionGroup var output: OutputOptions

    func run() async throws {
        var exitStatus: Int32 = 0
        try await reportingErrors(exitStatus: 2) {
            let plan = try TestPlan.load(contentsOf: planFile)
            let lab = try CLIContext.lab(self.lab)
            let environment = try CLIContext.environment()
            let runner = PlanRunner(inspector: LabInspector(provisioner: LabProvisioner(environment: environment)),
                                    store: try RunStore(environment: environment))
            let options = PlanRunOptions(onlyCases: only.map { Set($0.split(separator: ",").map(String.init)) },
                                         tags: tag.isEmpty ? nil : Set(tag), reportDirectory: reportDir)
            if let reportDir { try FileManager.default.createDirectory(atPath: reportDir, withIntermediateDirectories: true) }
            let printer = CaseLinePrinter(enabled: !output.json)
            let result = try await runner.run(plan, lab: lab, options: options, progress: printer.print)
            if let reportDir { _ = try ReportWriter.write([result], to: reportDir) }
            if output.json {
                try Console.json(result)
            } else {
                printer.summary(result, reportDir: reportDir)
            }
            exitStatus = Self.exitStatus(result)
        }
        if exitStatus != 0 { throw ExitCode(exitStatus) }
    }

    static func exitStatus(_ result: PlanRunResult) -> Int32 {
        if result.results.contains(where: { $0.state == .error }) { return 2 }
        return result.verdict == .noGo ? 1 : 0
    }
}
