import Foundation

/// Refuses key folders and key files that someone other than the user running patchlab could
/// change. Whoever can write to the trusted-keys folder, or replace a key file in it, decides which
/// packets verify; whoever can write to the keys folder can swap the key packets are signed with.
///
/// | owner | group/world-writable | accepted |
/// | --- | --- | --- |
/// | the user running patchlab | no | yes |
/// | root | no | yes: root can change anything anyway, and a host's keys are often root's to manage (OpenSSH's StrictModes draws the same line) |
/// | anyone else | any | no: `chown` |
/// | any | yes | no: `chmod go-w` |
///
/// Only the folder and its files are checked, not the folders above it.
public enum KeyPermissions {
    /// - Parameter what: what the path holds, for the message: "trusted-keys folder", "keys folder", "trusted key file".
    /// - Throws: ``KeyError/unsafePermissions(path:holding:mode:owner:user:)`` naming the path, its
    ///   mode and owner, and the command that fixes it; ``KeyError/io(path:reason:)`` when it cannot be examined.
    public static func check(_ path: String, holding what: String) throws(KeyError) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .io(path: path, reason: "cannot be examined: \(String(cString: strerror(errno)))")
        }
        let mode = UInt16(info.st_mode & 0o7777)
        let user = geteuid()
        guard mode & 0o022 != 0 || (info.st_uid != user && info.st_uid != 0) else { return }
        throw .unsafePermissions(path: path, holding: what, mode: mode, owner: info.st_uid, user: user)
    }

    /// `alice (uid 1000)`, or `uid 1000` for a user the system has no name for.
    static func userName(_ id: UInt32) -> String {
        guard let entry = getpwuid(id), let name = entry.pointee.pw_name else { return "uid \(id)" }
        return "\(String(cString: name)) (uid \(id))"
    }

    /// The path as a shell word, quoted when it needs to be.
    static func shellWord(_ path: String) -> String {
        path.allSatisfy({ $0.isLetter || $0.isNumber || "/._-+".contains($0) }) ? path
            : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static func explain(path: String, holding what: String, mode: UInt16, owner: UInt32, user: UInt32) -> String {
        let writable = mode & 0o022 != 0
        let foreign = owner != user && owner != 0
        var problems: [String] = []
        if writable { problems.append("writable by its group or by everyone") }
        if foreign { problems.append("not owned by \(userName(user)), who runs patchlab" + (user == 0 ? "" : ", nor by root")) }
        var fixes: [String] = []
        if foreign {
            let name = getpwuid(user).flatMap { $0.pointee.pw_name.map { String(cString: $0) } } ?? String(user)
            fixes.append("chown \(name) \(shellWord(path))")
        }
        if writable { fixes.append("chmod go-w \(shellWord(path))") }
        return "\(path): refusing this \(what), mode \(String(format: "%04o", mode)), owner \(userName(owner)): it is "
            + problems.joined(separator: " and ") + ", so someone else could put a key of theirs in place. "
            + "Fix it with: \(fixes.joined(separator: " && "))"
    }
}
