import Foundation
import PatchLabModel

/// Writes a rehearsal's evidence packet: the folder `ROOT/CHANGE/RUN/` and its archive
/// `ROOT/CHANGE-RUN.tar.gz`, staged and renamed into place only when complete (``PacketOutput``).
/// Logs are copied and hashed in the same pass, in fixed chunks: memory stays bounded however large
/// they are.
public struct PacketWriter: Sendable {
    public var result: RehearsalResult
    public var lab: Lab?
    public var signingKey: SigningKey
    public var toolVersion: String
    public var createdAt: Date

    public init(result: RehearsalResult, lab: Lab?, signingKey: SigningKey, toolVersion: String, createdAt: Date = Date()) {
        self.result = result
        self.lab = lab
        self.signingKey = signingKey
        self.toolVersion = toolVersion
        self.createdAt = createdAt
    }

    /// Where a packet was written.
    public struct Written: Sendable {
        public var folder: String
        public var archive: String
        public var manifest: PacketManifest
    }

    public func write(into root: String, archive makeArchive: Bool = true) throws -> Written {
        try PacketOutput(root: root, subject: result.change.id, runID: result.runID).write(archive: makeArchive, assemble: assemble)
    }

    /// Fills `folder` with every part of the packet, the manifest last, and signs it.
    func assemble(in folder: String) throws -> PacketManifest {
        var files = PacketFiles(root: folder)
        try copyRunDirectory(into: &files)
        try files.write(PacketJSON.encoder.encode(result), to: PacketLayout.rehearsal)
        try writeFingerprints(into: &files)

        let patchFiles = try patchFileRecords()
        let configuration = files.configuration
        for phase in RehearsalPhase.testPhases {
            guard let runs = result.planRuns[phase], !runs.isEmpty else { continue }
            let statement = PacketAttestations.statement(runs: runs, subjects: patchFiles.map(\.subject), configuration: configuration)
            try PacketOutput.attest(statement, as: phase.rawValue, into: &files, signingKey: signingKey)
        }
        if let predicate = try fidelityPredicate() {
            try files.write(PacketJSON.encoder.encode(predicate), to: PacketLayout.fidelity)
            let statement = InTotoStatement(
                subject: patchFiles.map(\.subject), predicateType: FidelityPredicate.predicateType,
                predicate: predicate)
            try PacketOutput.attest(statement, as: PacketLayout.fidelityAttestation, into: &files, signingKey: signingKey)
        }
        for step in result.batch?.bisection?.steps ?? [] where !step.planRuns.isEmpty {
            // A step attests its own results, about the files of the patches it applied.
            let statement = PacketAttestations.statement(
                runs: step.planRuns, subjects: PacketSubject.subjects(of: step, in: result.change),
                configuration: configuration)
            try PacketOutput.attest(statement, as: step.evidenceName, into: &files, signingKey: signingKey)
        }

        let environment = (try? Data(contentsOf: URL(fileURLWithPath: RunFolder(path: result.runDirectory).environment)))
            .flatMap { try? JSONDecoder().decode(LabEnvironmentRecord.self, from: $0) }
        var overview = PacketOverview(
            result: result, lab: lab, environment: environment, patchFiles: patchFiles, files: [],
            toolVersion: toolVersion, createdAt: createdAt, signerKeyID: signingKey.publicKey.keyID)
        try files.write(try ChangeRecord(overview).encoded(), to: PacketLayout.change)
        overview.files =
            (files.paths + [
                PacketLayout.summaryHTML, PacketLayout.summaryMarkdown, PacketLayout.manifest,
                PacketLayout.manifestSignature,
            ]).sorted()
        try files.write(Data(PacketSummaryHTML.render(overview).utf8), to: PacketLayout.summaryHTML)
        try files.write(Data(PacketSummaryMarkdown.render(overview).utf8), to: PacketLayout.summaryMarkdown)

        return try PacketOutput.seal(
            files, kind: .rehearsal, runID: result.runID, subject: result.change.id,
            verdict: result.verdict.title, startedAt: result.startedAt, endedAt: result.endedAt,
            createdAt: createdAt, toolVersion: toolVersion, signingKey: signingKey)
    }

    /// The run folder's parts, renamed into the packet's layout: phase reports under `results/`,
    /// every log (case output, patch output, consoles, the harness log and journal) under `logs/`.
    private func copyRunDirectory(into files: inout PacketFiles) throws {
        let run = RunFolder(path: result.runDirectory)
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: run.path).sorted()) ?? [] {
            let source = "\(run.path)/\(name)"
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: source, isDirectory: &isDirectory) else { continue }
            switch (isDirectory.boolValue, RunFolder.part(named: name)) {
            case (true, .inputs):
                try files.copyTree(source, to: name)
            case let (true, .reports(phase)):
                try copyReports(source, results: phase.rawValue, logs: "logs/\(name)", into: &files)
            case (true, .bisection):
                for step in try fm.contentsOfDirectory(atPath: source).sorted() {
                    let name = "\(RunFolder.bisectionFolder)/\(step)"
                    try copyReports("\(source)/\(step)", results: name, logs: "logs/\(name)", into: &files)
                }
            default:
                try files.copyTree(source, to: "logs/\(name)")
            }
        }
    }

    /// A phase's (or a bisection step's) reports under `results/NAME/`; its case logs, and a step's
    /// install output (`patch/`), under `logs`.
    private func copyReports(_ source: String, results name: String, logs: String, into files: inout PacketFiles) throws {
        let fm = FileManager.default
        for entry in try fm.contentsOfDirectory(atPath: source).sorted() {
            switch entry {
            case "logs": try files.copyTree("\(source)/logs", to: logs)
            case RunFolder.patchFolder: try files.copyTree("\(source)/\(entry)", to: "\(logs)/\(entry)")
            default: try files.copyTree("\(source)/\(entry)", to: PacketLayout.results(name, entry))
            }
        }
    }

    private func writeFingerprints(into files: inout PacketFiles) throws {
        for (phase, prints) in result.fingerprints {
            for print in prints { try files.write(PacketJSON.encoder.encode(print), to: PacketLayout.fingerprint(phase, print.machine)) }
        }
        for diff in result.patchDiffs {
            try files.write(PacketJSON.encoder.encode(diff), to: "fingerprints/diffs/patch-\(diff.machine).json")
        }
        for diff in result.rollbackProof?.fingerprintDiffs ?? [] {
            try files.write(PacketJSON.encoder.encode(diff), to: "fingerprints/diffs/rollback-\(diff.machine).json")
        }
        for install in result.batch?.installs ?? [] {
            guard let diff = install.diff else { continue }
            try files.write(PacketJSON.encoder.encode(diff), to: PacketLayout.patchDiff(patch: install.patch, machine: install.machine))
        }
    }

    /// The fidelity as a verifier will read it back from `rehearsal.json` (times to the millisecond),
    /// so the signed predicate and the record agree to the bit; nil for a result without fidelity.
    private func fidelityPredicate() throws -> FidelityPredicate? {
        guard let fidelity = result.fidelity else { return nil }
        let recorded = try PacketJSON.decoder.decode(FidelityReport.self, from: PacketJSON.encoder.encode(fidelity))
        return FidelityPredicate(report: recorded, demand: result.change.fidelity)
    }

    /// The patch files as the change names them, with the digest it states (checked before the
    /// rehearsal touched anything) and their size when still on disk.
    private func patchFileRecords() throws -> [PatchFileRecord] {
        result.change.patch.files.map { file in
            let size = (try? FileManager.default.attributesOfItem(atPath: file.source)[.size] as? Int64) ?? nil
            return PatchFileRecord(name: file.fileName, destination: file.destination, sha256: file.sha256, size: size ?? -1)
        }
    }
}
