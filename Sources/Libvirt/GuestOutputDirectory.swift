import Foundation

/// Where a guest's file-routed command output goes (see `GuestOutputFiles`): a tmpfs, never the
/// guest's root disk. A patch that fills the root disk must still have its output captured — with
/// the files on `/tmp` of a Debian guest (the root filesystem), a full disk turned every command into
/// "exit status 1" with empty output, and the message saying why was lost with it.
///
/// `/run` is a tmpfs on every systemd guest (and in Debian's initramfs); a guest where it is not a
/// writable tmpfs keeps `/tmp`, which is no worse than before.
enum GuestOutputDirectory {
    static let fallback = "/tmp"

    /// Prints the directory to use: `/run` when `/proc/mounts` shows it is a tmpfs and it is writable.
    static let probeScript =
        #"while read -r _ m t _; do [ "$m" = /run ] && [ "$t" = tmpfs ] && [ -w /run ] && { echo /run; exit 0; }; done </proc/mounts; echo /tmp"#

    static func directory(fromProbe output: Data) -> String {
        String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == "/run" ? "/run" : fallback
    }

    /// What each domain (by UUID) answered, for the life of the process.
    static let known = PerDomain<String>()
}
