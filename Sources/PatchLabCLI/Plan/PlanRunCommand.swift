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

    @Flag(help: "Also write a signed evidence packet of the run (evidence/PLAN/RUN/ and its .tar.gz).")
    var packet = false

    @OptionGroup var evidence: EvidenceOptions

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if !packet && (evidence.evidenceDir != nil || evidence.signWith != nil) {
            throw ValidationError("--evidence-dir and --sign-with are for the packet: add --packet")
        }
    }

    func run() async throws {
        var exitStatus: Int32 = 0
        try await reportingErrors(exitStatus: 2) {
            let plan = try TestPlan.load(contentsOf: planFile)
            let lab = try CLIContext.lab(self.lab)
            let environment = try CLIContext.environment()
            let runner = PlanRunner(
                inspector: LabInspector(provisioner: LabProvisioner(environment: environment)),
                store: try RunStore(environment: environment))
            var options = PlanRunOptions(
                onlyCases: only.map { Set($0.split(separator: ",").map(String.init)) },
                tags: tag.isEmpty ? nil : Set(tag), reportDirectory: reportDir)
            // A packet needs the logs and the lab as it ran: kept in the run's own folder unless a report folder is given.
            let signingKey = packet ? try evidence.signingKey(environment: environment, showingNotes: !output.json) : nil
            if packet {
                let runID = RunStore.newRunID()
                options.runID = runID
                let folder = RunFolder(home: environment.home, runID: runID)
                options.recordFolder = folder
                options.reportDirectory = reportDir ?? folder.path
            }
            if let directory = options.reportDirectory {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            let printer = CaseLinePrinter(enabled: !output.json)
            let result = try await runner.run(plan, lab: lab, options: options, progress: printer.print)
            if let directory = options.reportDirectory { _ = try ReportWriter.write([result], to: directory) }
            let written = try signingKey.map { key in
                try PlanPacketWriter(
                    evidence: PlanRunEvidence(
                        result: result, ranBy: OperatorIdentity.current,
                        host: ProcessInfo.processInfo.hostName, selection: selection),
                    recordFolder: options.recordFolder!, reportDirectory: options.reportDirectory!, lab: lab,
                    signingKey: key, toolVersion: PatchLabCommand.version
                ).write(into: evidence.root)
            }
            if output.json {
                try Console.json(result)
            } else {
                printer.summary(result, reportDir: reportDir)
                if let written, let signingKey {
                    Console.out("evidence: \(written.folder)/\(PacketLayout.summaryHTML)")
                    Console.out("          \(written.archive) (signed, keyid \(signingKey.publicKey.keyID.prefix(16))…)")
                }
            }
            exitStatus = Self.exitStatus(result)
        }
        if exitStatus != 0 { throw ExitCode(exitStatus) }
    }

    /// `--only` and `--tag` as given, for the packet; nil when the whole plan ran.
    private var selection: String? {
        let parts = (only.map { ["--only \($0)"] } ?? []) + tag.map { "--tag \($0)" }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    static func exitStatus(_ result: PlanRunResult) -> Int32 {
        if result.results.contains(where: { $0.state == .error }) { return 2 }
        return result.verdict == .noGo ? 1 : 0
    }
}
