import Foundation
import PatchLabModel

/// What a packet itself says that its approval records are judged on: the manifest they must be
/// about, the rehearsal they decide, and the signature whose key tells who made the packet.
struct ApprovalGrounds {
    /// sha256 of `manifest.json` as it is on disk; nil when it cannot be read.
    var manifestDigest: String?
    var runID: String?
    /// The rehearsal decided on; nil for a plan run's packet or an unreadable one.
    var result: RehearsalResult?
    /// The manifest's signature envelope; nil when the packet has none that can be read.
    var manifestSignature: DSSEEnvelope?
    var matchesTemplate: Bool

    init(folder: String, board: BoardConfiguration) {
        let packet = PacketContents(folder: folder)
        let manifest = try? packet.data(PacketLayout.manifest)
        manifestDigest = manifest.map(StreamingDigest.sha256(of:))
        runID = manifest.flatMap { try? PacketJSON.decoder.decode(PacketManifest.self, from: $0) }?.runID
        result = packet.exists(PacketLayout.planRun) ? nil : try? packet.rehearsal().get()
        manifestSignature = try? DSSEEnvelope.decode(packet.data(PacketLayout.manifestSignature))
        matchesTemplate = Self.matchesTemplate(folder: folder, board: board)
    }

    /// True when the packet's change file is byte for byte one the board pre-approved.
    static func matchesTemplate(folder: String, board: BoardConfiguration) -> Bool {
        let changes = "\(folder)/\(PacketLayout.changeFolder)"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: changes)) ?? []
        let digests = files.compactMap { try? StreamingDigest.sha256(ofFile: "\(changes)/\($0)").sha256 }
        return digests.contains { digest in board.standardTemplates.contains { $0.changeSHA256 == digest } }
    }
}
