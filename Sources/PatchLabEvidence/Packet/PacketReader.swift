import Foundation
import PatchLabModel

/// Reads a packet (folder or `.tar.gz`) back into the overview its summaries were made from, for
/// `packet show` and `packet export`. Reading does not verify: `packet verify` does that.
public enum PacketReader {
    /// A packet of either kind, read back.
    public enum Contents: Sendable {
        case rehearsal(PacketOverview)
        case planRun(PlanPacketOverview)
    }

    /// Reads a rehearsal's or a plan run's packet; an archive is unpacked within `limits`.
    public static func contents(of path: String, limits: PacketArchive.Limits = .init()) throws -> Contents {
        try unpacking(path, limits: limits) { folder in
            if PacketContents(folder: folder).exists(PacketLayout.planRun) { return .planRun(try planRunOverview(ofFolder: folder)) }
            return .rehearsal(try overview(ofFolder: folder))
        }
    }

    /// Reads a rehearsal's packet; a plan run's packet is refused, naming what it is.
    public static func overview(of path: String, limits: PacketArchive.Limits = .init()) throws -> PacketOverview {
        try unpacking(path, limits: limits, overview(ofFolder:))
    }

    /// Runs `read` on the packet's folder: `path` itself, or the folder unpacked from the `.tar.gz`
    /// at `path` (removed afterwards).
    public static func withFolder<T>(of path: String, limits: PacketArchive.Limits = .init(), _ read: (String) throws -> T) throws -> T {
        try unpacking(path, limits: limits, read)
    }

    private static func unpacking<T>(_ path: String, limits: PacketArchive.Limits, _ read: (String) throws -> T) throws -> T {
        if path.hasSuffix(".tar.gz") || path.hasSuffix(".tgz") {
            let (packet, scratch) = try PacketArchive.unpack(path, limits: limits)
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            return try read(packet)
        }
        return try read(path)
    }

    public static func planRunOverview(ofFolder folder: String) throws -> PlanPacketOverview {
        let packet = PacketContents(folder: folder)
        let evidence: PlanRunEvidence
        do { evidence = try packet.planRun().get() } catch {
            throw PacketError.notAPacket(folder, reason: "\(PacketLayout.planRun) cannot be read: \(error)")
        }
        let manifest = try? PacketJSON.decoder.decode(PacketManifest.self, from: packet.data(PacketLayout.manifest))
        let environment = try? JSONDecoder().decode(LabEnvironmentRecord.self, from: packet.data(PacketLayout.environment))
        return PlanPacketOverview(
            evidence: evidence, lab: try? Lab.load(contentsOf: packet.path(PacketLayout.labFile)),
            environment: environment, files: packet.allFiles().files,
            toolVersion: manifest?.toolVersion ?? "unknown", createdAt: manifest?.createdAt ?? evidence.result.endedAt,
            signerKeyID: signatureKeyID(packet))
    }

    /// The keyid the manifest's signature names: a hint only, not checked here.
    private static func signatureKeyID(_ packet: PacketContents) -> String? {
        (try? DSSEEnvelope.decode(packet.data(PacketLayout.manifestSignature)))?.signatures.first?.keyid
    }

    public static func overview(ofFolder folder: String) throws -> PacketOverview {
        let packet = PacketContents(folder: folder)
        if packet.exists(PacketLayout.planRun) {
            throw PacketError.notAPacket(folder, reason: "it is a plan run's packet (\(PacketLayout.planRun)), not a change rehearsal's")
        }
        guard packet.exists(PacketLayout.rehearsal) else {
            throw PacketError.notAPacket(folder, reason: "it has no \(PacketLayout.rehearsal)")
        }
        let result: RehearsalResult
        do { result = try packet.rehearsal().get() } catch {
            throw PacketError.notAPacket(folder, reason: "\(PacketLayout.rehearsal) cannot be read: \(error)")
        }
        let manifest = try? PacketJSON.decoder.decode(PacketManifest.self, from: packet.data(PacketLayout.manifest))
        let record = try? JSONDecoder().decode(ChangeRecord.self, from: packet.data(PacketLayout.change))
        let lab = try? Lab.load(contentsOf: packet.path(PacketLayout.labFile))
        let signer = signatureKeyID(packet)
        let environment = try? JSONDecoder().decode(LabEnvironmentRecord.self, from: packet.data(PacketLayout.environment))
        return PacketOverview(
            result: result, lab: lab, environment: environment, patchFiles: record?.patchFiles ?? [],
            files: packet.allFiles().files, toolVersion: manifest?.toolVersion ?? "unknown",
            createdAt: manifest?.createdAt ?? result.endedAt, signerKeyID: signer)
    }
}
