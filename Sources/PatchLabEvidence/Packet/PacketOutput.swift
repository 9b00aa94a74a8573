import Foundation
import PatchLabModel

/// How every packet reaches disk, whatever it is the evidence of: the folder `ROOT/SUBJECT/RUN/`
/// (SUBJECT is the change id, or the plan id for a plan-run packet) and its archive
/// `ROOT/SUBJECT-RUN.tar.gz`.
///
/// The packet is assembled in a hidden staging folder beside its final place and renamed into place
/// only once complete and signed, so a failure half-way leaves no packet rather than a partial one.
struct PacketOutput {
    let root: String
    let subject: String
    let runID: String

    var folder: String { PacketLayout.folder(root: root, change: subject, runID: runID) }
    var archive: String { PacketLayout.archive(root: root, change: subject, runID: runID) }

    /// Runs `assemble` on the staging folder (it fills it and returns the sealed manifest), then
    /// moves the folder into place and archives it.
    func write(archive makeArchive: Bool, assemble: (String) throws -> PacketManifest) throws -> PacketWriter.Written {
        let fm = FileManager.default
        if fm.fileExists(atPath: folder) { throw PacketError.exists(folder) }
        if makeArchive && fm.fileExists(atPath: archive) { throw PacketError.exists(archive) }
        let staging = "\(root)/\(subject)/.\(runID).partial"
        try? fm.removeItem(atPath: staging)
        try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
        do {
            let manifest = try assemble(staging)
            try fm.moveItem(atPath: staging, toPath: folder)
            do {
                if makeArchive {
                    try PacketArchive.create(
                        folder: folder, as: archive,
                        topName: PacketLayout.archiveFolderName(change: subject, runID: runID))
                }
            } catch {
                // A packet is the folder and its archive; one without the other is not handed on.
                try? fm.removeItem(atPath: folder)
                throw error
            }
            return PacketWriter.Written(folder: folder, archive: archive, manifest: manifest)
        } catch {
            try? fm.removeItem(atPath: staging)
            throw error
        }
    }

    /// Writes the manifest of every file written so far, then its signature: the last two files of
    /// any packet, so the one signature covers every byte.
    static func seal(
        _ files: PacketFiles, kind: PacketManifest.Kind, runID: String, subject: String, verdict: String,
        startedAt: Date, endedAt: Date, createdAt: Date, toolVersion: String,
        signingKey: SigningKey
    ) throws -> PacketManifest {
        let manifest = PacketManifest(
            kind: kind, runID: runID, change: subject, verdict: verdict, startedAt: startedAt,
            endedAt: endedAt, createdAt: createdAt, toolVersion: toolVersion,
            files: files.digests.map { PacketManifest.Entry(path: $0.key, sha256: $0.value.sha256, size: $0.value.size) })
        let manifestData = try PacketJSON.encoder.encode(manifest)
        try manifestData.write(to: URL(fileURLWithPath: "\(files.root)/\(PacketLayout.manifest)"))
        let signature = try DSSEEnvelope.sign(payload: manifestData, payloadType: PacketManifest.payloadType, with: signingKey)
        try signature.encoded().write(to: URL(fileURLWithPath: "\(files.root)/\(PacketLayout.manifestSignature)"))
        return manifest
    }

    /// Signs one in-toto statement into `attestations/NAME.intoto.json`.
    static func attest<Predicate>(
        _ statement: InTotoStatement<Predicate>, as name: String, into files: inout PacketFiles,
        signingKey: SigningKey
    ) throws {
        let envelope = try DSSEEnvelope.sign(
            payload: try statement.encoded(), payloadType: InTotoStatement<Predicate>.payloadType,
            with: signingKey)
        try files.write(try envelope.encoded(), to: PacketLayout.attestation(name))
    }
}
