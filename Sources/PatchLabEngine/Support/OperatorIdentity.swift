import Foundation

/// Who runs the harness, as the evidence records it: the account of the process's *real* user id.
///
/// Never `$USER`, `$LOGNAME` or `$SUDO_USER`: whoever starts the process sets those, so an operator
/// could name someone else and slip past the board's separation of duties. The real uid is what the
/// kernel says; under `sudo` it is root's, which is the truth about who ran the commands.
public enum OperatorIdentity {
    /// The account name of the real user id (`root`), or `uid N` when it has no passwd entry.
    public static var current: String { name(ofUID: getuid()) }

    public static func name(ofUID uid: uid_t) -> String {
        var entry = passwd()
        var found: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &found) == 0, found != nil, let name = entry.pw_name else {
            return "uid \(uid)"
        }
        return String(cString: name)
    }
}
