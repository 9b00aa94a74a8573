import Foundation
import PatchLabModel

/// Writes a rehearsal's evidence packet: the folder `ROOT/CHANGE/RUN/` and its archive
/// `ROOT/CHANGE-RUN.tar.gz`.
///
/// The packet is assembled in a hidden staging folder beside its final place and renamed into place
/// only once complete and signed, so a failure half-way leaves no packet rather than a partial one.
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
        let folder = PacketLayout.folder(root: root, change: result.change.id, runID: result.runID)
        let archive = PacketLayout.archive(root: root, change: result.change.id, runID: result.runID)
        let fm = FileManager.default
        if fm.fileExists(atPath: folder) { throw PacketError.exists(folder) }
        if makeArchive && fm.fileExists(atPath: archive) { throw PacketError.exists(archive) }
        let staging = "\(root)/\(result.change.id)/.\(result.runID).partial"
        try? fm.removeItem(atPath: staging)
        try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
        do {
            let manifest = try assemble(in: staging)
            try fm.moveItem(atPath: staging, toPath: folder)
            do {
                if makeArchive {
                    try PacketArchive.create(folder: folder, as: archive,
                                             topName: PacketLayout.archiveFolderName(change: result.change.id, runID: result.runID))
                }
            } catch {
                // A packet is the folder and its archive; one without the other is not handed on.
                try? fm.removeItem(atPath: folder)
                throw error
            }
            return Written(folder: folder, archive: archive, manifest: manifest)
        } catch {
            try? fm.removeItem(atPath: staging)
            throw error
        }
    }

    /// Fills `folder` with every part of the packet, the manifest last, and signs it.
    func assemble(in folder: String) throws -> PacketManifest {
        var files = PacketFiles(root: folder)
        try copyRunDirectory(into: &files)
        try files.write(PacketJSON.encoder.encode(result), to: PacketLayout.rehearsal)
        try writeFingerprints(into: &files)

        let patchFiles = try patchFileRecords()
        let configuration = files.digests.filter { $0.key == PacketLayout.labFile || $0.key.hasPrefix(PacketLayout.plans + "/") }
            .map { (path: $0.key, sha256: $0.value.sha256) }.sorted { $0.path < $1.path }
        for phase in PacketLayout.phases {
            guard let runs = result.planRuns[phase], !runs.isEmpty else { continue }
            let statement = PacketAttestations.statement(phase: phase, runs: runs, patchFiles: patchFiles, configuration: configuration)
            let envelope = try DSSEEnvelope.sign(payload: try statement.encoded(), payloadType: PacketAttestations.Statement.payloadType,
                                                 with: signingKey)
            try files.write(try envelope.encoded(), to: PacketLayout.attestation(phase))
        }

        var overview = PacketOverview(result: result, lab: lab, patchFiles: patchFiles, files: [], toolVersion: toolVersion,
                                      createdAt: createdAt, signerKeyID: signingKey.publicKey.keyID)
        try files.write(try ChangeRecord(overview).encoded(), to: PacketLayout.change)
        overview.files = (files.paths + [PacketLayout.summaryHTML, PacketLayout.summaryMarkdown, PacketLayout.manifest,
                                         PacketLayout.manifestSignature]).sorted()
        try files.write(Data(PacketSummaryHTML.render(overview).utf8), to: PacketLayout.summaryHTML)
        try files.write(Data(PacketSummaryMarkdown.render(overview).utf8), to: PacketLayout.summaryMarkdown)

        let manifest = PacketManifest(runID: result.runID, change: result.change.id, verdict: result.verdict.title,
                                      startedAt: result.startedAt, endedAt: result.endedAt, createdAt: createdAt,
                                      toolVersion: toolVersion,
                                      files: files.digests.map { PacketManifest.Entry(path: $0.key, sha256: $0.value.sha256, size: $0.value.size) })
        let manifestData = try PacketJSON.encoder.encode(manifest)
        try manifestData.write(to: URL(fileURLWithPath: "\(folder)/\(PacketLayout.manifest)"))
        let signature = try DSSEEnvelope.sign(payload: manifestData, payloadType: PacketManifest.payloadType, with: signingKey)
        try signature.encoded().write(to: URL(fileURLWithPath: "\(folder)/\(PacketLayout.manifestSignature)"))
        return manifest
    }

    /// The run folder's parts, renamed into the packet's layout: phase reports under `results/`,
    /// every log (case output, patch output, consoles, the harness log and journal) under `logs/`.
    private func copyRunDirectory(into files: inout PacketFiles) throws {
        let run = result.runDirectory
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: run).sorted()) ?? [] {
            let source = "\(run)/\(name)"
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: source, isDirectory: &isDirectory) else { continue }
            if !isDirectory.boolValue {
                try files.copyTree(source, to: "logs/\(name)")
            } else if name == "lab" || name == "plans" || name == PacketLayout.changeFolder {
                try files.copyTree(source, to: name)
            } else if name == "patch" || name == "consoles" {
                try files.copyTree(source, to: "logs/\(name)")
            } else if fm.fileExists(atPath: "\(source)/results.json") {
                for entry in try fm.contentsOfDirectory(atPath: source).sorted() where entry != "logs" {
                    try files.copyTree("\(source)/\(entry)", to: PacketLayout.results(name, entry))
                }
                if fm.fileExists(atPath: "\(source)/logs") { try files.copyTree("\(source)/logs", to: "logs/\(name)") }
            } else {
                try files.copyTree(source, to: "logs/\(name)")
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
