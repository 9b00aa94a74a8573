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
        let data = try? packet.data(PacketLayout.manifest)
        let manifest = data.flatMap { try? PacketJSON.decoder.decode(PacketManifest.self, from: $0) }
        manifestDigest = data.map(StreamingDigest.sha256(of:))
        runID = manifest?.runID
        result = packet.exists(PacketLayout.planRun) ? nil : try? packet.rehearsal().get()
        manifestSignature = try? DSSEEnvelope.decode(packet.data(PacketLayout.manifestSignature))
        matchesTemplate = manifest.map { Self.matchesTemplate(manifest: $0, board: board) } ?? false
    }

    /// True when the change file the manifest lists under `change/` is byte for byte one the board
    /// pre-approved. The manifest's digests are what is compared, never the folder's files: a file
    /// dropped into `change/` after signing is not the change rehearsed (and a FIFO there must not
    /// make anyone wait). That the files match the manifest is the verifier's files check.
    static func matchesTemplate(manifest: PacketManifest, board: BoardConfiguration) -> Bool {
        manifest.files.filter { $0.path.hasPrefix(PacketLayout.changeFolder + "/") }
            .contains { entry in board.standardTemplates.contains { $0.changeSHA256 == entry.sha256 } }
    }
}
