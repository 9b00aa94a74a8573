import Foundation
import PatchLabModel

/// Reads a packet (folder or `.tar.gz`) back into the overview its summaries were made from, for
/// `packet show` and `packet export`. Reading does not verify: `packet verify` does that.
public enum PacketReader {
    public static func overview(of path: String) throws -> PacketOverview {
        if path.hasSuffix(".tar.gz") || path.hasSuffix(".tgz") {
            let (packet, scratch) = try PacketArchive.unpack(path)
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            return try overview(ofFolder: packet)
        }
        return try overview(ofFolder: path)
    }

    public static func overview(ofFolder folder: String) throws -> PacketOverview {
        let packet = PacketContents(folder: folder)
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
        let signer = (try? DSSEEnvelope.decode(packet.data(PacketLayout.manifestSignature)))?.signatures.first?.keyid
        return PacketOverview(result: result, lab: lab, patchFiles: record?.patchFiles ?? [],
                              files: packet.allFiles().files.sorted(), toolVersion: manifest?.toolVersion ?? "unknown",
                              createdAt: manifest?.createdAt ?? result.endedAt, signerKeyID: signer)
    }
}
