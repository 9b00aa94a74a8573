import Foundation
import PatchLabEvidence

/// The packets under the evidence root (`ROOT/CHANGE/RUN/` folders holding a rehearsal), and the one
/// folder a URL's change and run name. Names are checked before they touch the file system and
/// symbolic links are never followed, so no URL reaches outside the evidence root.
struct PacketCatalog: Sendable {
    struct Location: Sendable, Hashable {
        var change: String
        var run: String
        var folder: String

        var page: String { "/packets/\(change)/\(run)" }
        var api: String { "/api/packets/\(change)/\(run)" }
    }

    let root: String

    /// Change ids and run ids as PatchLab makes them (`CHG-0042`, `run-20260101-100000-ab12`).
    /// Checked byte by byte: a regular expression's `$` also matches before a final newline.
    static func isSafeName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, bytes.count <= 128, Self.isAlphanumeric(first) else { return false }
        return bytes.allSatisfy { Self.isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
            && !name.contains("..")
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    func locate(change: String, run: String) throws -> Location {
        guard Self.isSafeName(change), Self.isSafeName(run) else { throw BoardError(.notFound, "no such packet: \(change)/\(run)") }
        let folder = "\(root)/\(change)/\(run)"
        guard Self.isDirectory("\(root)/\(change)"), Self.isDirectory(folder),
            Self.isRegularFile("\(folder)/\(PacketLayout.rehearsal)")
        else {
            throw BoardError(.notFound, "no such packet: \(change)/\(run)")
        }
        return Location(change: change, run: run, folder: folder)
    }

    /// Every packet, in no particular order; folders that are not packets are passed over.
    func all() -> [Location] {
        var found: [Location] = []
        for change in Self.names(in: root) {
            for run in Self.names(in: "\(root)/\(change)") {
                if let location = try? locate(change: change, run: run) { found.append(location) }
            }
        }
        return found
    }

    private static func names(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter(isSafeName).sorted()
    }

    /// lstat, not stat: a link to a directory is not a directory here.
    static func isDirectory(_ path: String) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeDirectory
    }

    static func isRegularFile(_ path: String) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeRegular
    }
}
