import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Whether someone other than the user running patchlab (or root) could change a file or folder:
/// group- or world-writable, or owned by another user. The files that decide who may approve — the
/// board's members file and its members' keys — and the keys that decide what verifies must not be.
///
/// | owner | group/world-writable | trusted |
/// | --- | --- | --- |
/// | the user running patchlab | no | yes |
/// | root | no | yes: root can change anything anyway (OpenSSH's StrictModes draws the same line) |
/// | anyone else | any | no: `chown` |
/// | any | yes | no: `chmod go-w` |
public enum FilePermissions {
    public struct Looseness: Sendable, Equatable {
        public var mode: UInt16
        public var owner: UInt32
        public var user: UInt32
        public var writableByOthers: Bool { mode & 0o022 != 0 }
        public var foreignOwner: Bool { owner != user && owner != 0 }

        public init(mode: UInt16, owner: UInt32, user: UInt32) {
            self.mode = mode
            self.owner = owner
            self.user = user
        }
    }

    public enum Problem: Error, Sendable, Equatable {
        case cannotExamine(String)
        case loose(Looseness)
    }

    /// Nil when `path` is safe; why not otherwise. The path itself is examined (`stat` follows a link
    /// to what it names), not the folders above it.
    public static func problem(_ path: String) -> Problem? {
        var info = stat()
        guard stat(path, &info) == 0 else { return .cannotExamine(String(cString: strerror(errno))) }
        let looseness = Looseness(mode: UInt16(info.st_mode & 0o7777), owner: info.st_uid, user: geteuid())
        return looseness.writableByOthers || looseness.foreignOwner ? .loose(looseness) : nil
    }

    /// `alice (uid 1000)`, or `uid 1000` for a user the system has no name for.
    public static func userName(_ id: UInt32) -> String {
        guard let entry = getpwuid(id), let name = entry.pointee.pw_name else { return "uid \(id)" }
        return "\(String(cString: name)) (uid \(id))"
    }

    /// The path as a shell word, quoted when it needs to be.
    public static func shellWord(_ path: String) -> String {
        path.allSatisfy({ $0.isLetter || $0.isNumber || "/._-+".contains($0) })
            ? path
            : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// "PATH: refusing this WHAT, mode …, owner …: it is …. Fix it with: …".
    public static func explain(path: String, holding what: String, _ looseness: Looseness) -> String {
        var problems: [String] = []
        if looseness.writableByOthers { problems.append("writable by its group or by everyone") }
        if looseness.foreignOwner {
            problems.append("not owned by \(userName(looseness.user)), who runs patchlab" + (looseness.user == 0 ? "" : ", nor by root"))
        }
        var fixes: [String] = []
        if looseness.foreignOwner {
            let name = getpwuid(looseness.user).flatMap { $0.pointee.pw_name.map { String(cString: $0) } } ?? String(looseness.user)
            fixes.append("chown \(name) \(shellWord(path))")
        }
        if looseness.writableByOthers { fixes.append("chmod go-w \(shellWord(path))") }
        return "\(path): refusing this \(what), mode \(String(format: "%04o", looseness.mode)), owner \(userName(looseness.owner)): it is "
            + problems.joined(separator: " and ") + ", so someone else could put a key of theirs in place. "
            + "Fix it with: \(fixes.joined(separator: " && "))"
    }
}
