import Foundation

/// The evidence packet's table of contents (`manifest.json`): every file of the packet with its
/// sha256 and size, and what the packet is about. Signed as a whole (`manifest.sig.json`), so one
/// signature covers every byte the packet holds.
public struct PacketManifest: Sendable, Codable, Equatable {
    public static let currentSchema = "https://patchlab.dev/packet/manifest/v1"
    /// The DSSE payload type of the manifest's signature envelope.
    public static let payloadType = "application/vnd.patchlab.manifest+json"
    /// Files of a packet that the manifest cannot list: itself, its signature, and the approval
    /// records the board adds later (each signed on its own).
    public static let unlistedFiles: Set<String> = ["manifest.json", "manifest.sig.json"]
    public static let unlistedFolders: Set<String> = ["approvals"]

    /// One file: its path relative to the packet folder, with `/` separators.
    public struct Entry: Sendable, Codable, Equatable {
        public var path: String
        public var sha256: String
        public var size: Int64

        public init(path: String, sha256: String, size: Int64) {
            self.path = path
            self.sha256 = sha256
            self.size = size
        }
    }

    /// What a packet is the evidence of.
    public enum Kind: String, Sendable, Codable {
        /// A change's rehearsal (`rehearsal.json`): what the change board decides on.
        case rehearsal
        /// One plan run against a lab (`plan-run.json`), written when asked (`plan run --packet`).
        case planRun = "plan-run"
    }

    public var schema: String
    /// Absent from packets written before plan-run packets existed; those are all rehearsals.
    public var kind: Kind?
    public var runID: String
    /// The change id; for a plan-run packet, the plan id.
    public var change: String
    public var verdict: String
    public var startedAt: Date
    public var endedAt: Date
    public var createdAt: Date
    public var toolVersion: String
    /// Sorted by path.
    public var files: [Entry]

    public init(
        kind: Kind = .rehearsal, runID: String, change: String, verdict: String, startedAt: Date, endedAt: Date,
        createdAt: Date, toolVersion: String, files: [Entry]
    ) {
        self.schema = Self.currentSchema
        self.kind = kind
        self.runID = runID
        self.change = change
        self.verdict = verdict
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.createdAt = createdAt
        self.toolVersion = toolVersion
        self.files = files.sorted { $0.path < $1.path }
    }

    public var packetKind: Kind { kind ?? .rehearsal }

    public func entry(_ path: String) -> Entry? { files.first { $0.path == path } }

    /// True for a packet path the manifest is not meant to list: the manifest, its signature, and a
    /// file directly in `approvals/` whose name does not start with a dot (an approval record, to be
    /// judged on its own). A hidden file, or one in a sub-folder of `approvals/`, is no record.
    /// Compared byte for byte: a name Swift deems equal Unicode but spelled otherwise is another file.
    public static func isUnlisted(_ path: String) -> Bool {
        if unlistedFiles.contains(where: { $0.utf8.elementsEqual(path.utf8) }) { return true }
        return unlistedFolders.contains { folder in
            let prefix = Array((folder + "/").utf8)
            guard path.utf8.starts(with: prefix) else { return false }
            let name = path.utf8.dropFirst(prefix.count)
            return !name.isEmpty && name.first != UInt8(ascii: ".") && !name.contains(UInt8(ascii: "/"))
        }
    }
}
