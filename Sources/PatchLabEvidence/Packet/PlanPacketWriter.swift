import Foundation
import PatchLabModel

/// Writes a plan run's evidence packet (`plan run --packet`): `ROOT/PLAN/RUN/` and
/// `ROOT/PLAN-RUN.tar.gz`, through the same staging, manifest and signature as a rehearsal's
/// (``PacketOutput``).
///
/// It holds `plan-run.json`, the four reports under `results/plan-run/`, each case's full logs
/// under `logs/PLAN/CASE@MACHINE/attempt-N/` (the paths the results name), the consoles under
/// `logs/consoles/`, the lab and plans as they ran (`lab/`, `plans/`), one signed test-result
/// attestation, `summary.html`, `summary.md`, and the signed manifest.
public struct PlanPacketWriter: Sendable {
    public var evidence: PlanRunEvidence
    /// Where the engine kept the lab and plans as they ran, and the consoles (`PlanRunOptions.recordFolder`).
    public var recordFolder: RunFolder
    /// Where the reports and case logs were written (`PlanRunOptions.reportDirectory`).
    public var reportDirectory: String
    public var lab: Lab?
    public var signingKey: SigningKey
    public var toolVersion: String
    public var createdAt: Date

    public init(
        evidence: PlanRunEvidence, recordFolder: RunFolder, reportDirectory: String, lab: Lab?,
        signingKey: SigningKey, toolVersion: String, createdAt: Date = Date()
    ) {
        self.evidence = evidence
        self.recordFolder = recordFolder
        self.reportDirectory = reportDirectory
        self.lab = lab
        self.signingKey = signingKey
        self.toolVersion = toolVersion
        self.createdAt = createdAt
    }

    public func write(into root: String, archive makeArchive: Bool = true) throws -> PacketWriter.Written {
        let result = evidence.result
        return try PacketOutput(root: root, subject: result.planID, runID: result.runID).write(archive: makeArchive, assemble: assemble)
    }

    func assemble(in folder: String) throws -> PacketManifest {
        let result = evidence.result
        var files = PacketFiles(root: folder)
        let fm = FileManager.default
        for (source, part) in [(recordFolder.lab, RunFolder.labFolder), (recordFolder.plans, PacketLayout.plans)]
        where fm.fileExists(atPath: source) {
            try files.copyTree(source, to: part)
        }
        if fm.fileExists(atPath: recordFolder.consoles) {
            try files.copyTree(recordFolder.consoles, to: "logs/\(RunFolder.consolesFolder)")
        }
        for name in ReportWriter.fileNames {
            try files.copy("\(reportDirectory)/\(name)", to: PacketLayout.results(PacketLayout.planRunPhase, name))
        }
        try copyCaseLogs(into: &files)
        try files.write(PacketJSON.encoder.encode(evidence), to: PacketLayout.planRun)

        let environment = try? Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(PacketLayout.environment)"))
        let labFile = files.digests[PacketLayout.labFile].map { (path: PacketLayout.labFile, sha256: $0.sha256) }
        let statement = PacketAttestations.statement(
            runs: [result], subjects: PlanPacketSubjects.subjects(environment: environment, labFile: labFile),
            configuration: files.configuration)
        try PacketOutput.attest(statement, as: PacketLayout.planRunPhase, into: &files, signingKey: signingKey)

        var overview = PlanPacketOverview(
            evidence: evidence, lab: lab,
            environment: environment.flatMap { try? JSONDecoder().decode(LabEnvironmentRecord.self, from: $0) },
            files: [], toolVersion: toolVersion, createdAt: createdAt,
            signerKeyID: signingKey.publicKey.keyID)
        overview.files =
            (files.paths + [
                PacketLayout.summaryHTML, PacketLayout.summaryMarkdown, PacketLayout.manifest,
                PacketLayout.manifestSignature,
            ]).sorted()
        try files.write(Data(PlanPacketSummaryHTML.render(overview).utf8), to: PacketLayout.summaryHTML)
        try files.write(Data(PlanPacketSummaryMarkdown.render(overview).utf8), to: PacketLayout.summaryMarkdown)

        return try PacketOutput.seal(
            files, kind: .planRun, runID: result.runID, subject: result.planID,
            verdict: result.verdict.title, startedAt: result.startedAt, endedAt: result.endedAt,
            createdAt: createdAt, toolVersion: toolVersion, signingKey: signingKey)
    }

    /// Only this run's attempts of each case: a report folder used before may hold older logs.
    private func copyCaseLogs(into files: inout PacketFiles) throws {
        let fm = FileManager.default
        for result in evidence.result.results where result.attempts > 0 {
            let folder = "logs/\(result.planID)/\(result.caseID)@\(result.machine)"
            for attempt in 1...result.attempts where fm.fileExists(atPath: "\(reportDirectory)/\(folder)/attempt-\(attempt)") {
                try files.copyTree("\(reportDirectory)/\(folder)/attempt-\(attempt)", to: "\(folder)/attempt-\(attempt)")
            }
        }
    }
}
