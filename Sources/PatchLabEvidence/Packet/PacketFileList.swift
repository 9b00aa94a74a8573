import Foundation
import PatchLabModel

/// The files of a packet folder that are its evidence, and so the only ones a reader may be shown or
/// served: those the manifest signed by a trusted key lists, that manifest and its signature, and the
/// approval records that check out. Anything else in the folder (a file added later, a hidden file,
/// a stray in `approvals/`) is named by `packet verify` and shown by nobody. Paths are compared byte
/// for byte: a name Swift deems equal Unicode but spelled otherwise is another file on disk.
public struct PacketFileList: Sendable {
    private let members: Set<[UInt8]>

    init(_ paths: [String]) {
        members = Set(paths.map { Array($0.utf8) })
    }

    public func contains(_ path: String) -> Bool { members.contains(Array(path.utf8)) }

    public var isEmpty: Bool { members.isEmpty }
}

extension PacketVerifier {
    /// The packet folder's evidence files: none from the manifest when its signature does not verify
    /// against ``trustedKeys``, and no approval record without ``board`` to check it against.
    public func evidenceFiles(ofFolder folder: String) -> PacketFileList {
        let packet = PacketContents(folder: folder)
        var paths: [String] = []
        if case let .success((data, _)) = signedManifest(packet),
            let manifest = try? PacketJSON.decoder.decode(PacketManifest.self, from: data)
        {
            paths = manifest.files.map(\.path) + [PacketLayout.manifest, PacketLayout.manifestSignature]
        }
        if let board { paths += ApprovalJudge(board: board).judge(packet: folder).records.filter(\.isAuthentic).map(\.path) }
        return PacketFileList(paths)
    }
}
