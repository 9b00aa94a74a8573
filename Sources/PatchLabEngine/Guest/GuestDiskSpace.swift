import Foundation
import Libvirt
import PatchLabModel

/// Says when a failure happened on a full disk. A command that fails because the guest's disk is
/// full usually says only "exit status 1" (its own message may have gone to the full disk too), so
/// after a failure the guest's filesystems are looked at and a full one is named in the result.
enum GuestDiskSpace {
    /// One filesystem as `df -kP` lists it.
    struct Filesystem: Equatable {
        var mountPoint: String
        var sizeKiB: Int
        var availableKiB: Int

        /// Full for root's writes: nothing left (ext4's reserve included: `df` counts it as used
        /// only for non-root writers, and a patch that fills the disk as root uses it up too), or
        /// under 1 MiB, where nothing of use fits any more.
        var isFull: Bool { sizeKiB > 0 && availableKiB < 1024 }
    }

    /// "the guest's disk is full: / has 0 KiB free of 1.9 GiB", or nil when no filesystem is full
    /// (or the guest cannot say).
    static func fullNote(on channel: any GuestChannel) async -> String? {
        guard let result = try? await channel.exec(GuestCommand(path: "df", arguments: ["-kP"], timeout: .seconds(30))),
            result.exitCode == 0 || !result.stdout.isEmpty
        else { return nil }
        let full = parse(result.stdoutText).filter(\.isFull)
        guard !full.isEmpty else { return nil }
        return "the guest's disk is full: "
            + full.map { "\($0.mountPoint) has \($0.availableKiB) KiB free of \(size($0.sizeKiB))" }
            .joined(separator: ", ")
    }

    /// `df -kP` lines: `Filesystem 1024-blocks Used Available Capacity Mounted-on`; the mount point
    /// is the rest of the line (it may hold spaces). Pseudo filesystems of size 0 are left out.
    static func parse(_ text: String) -> [Filesystem] {
        text.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
            guard fields.count == 6, let size = Int(fields[1]), let available = Int(fields[3]), size > 0 else { return nil }
            return Filesystem(mountPoint: String(fields[5]), sizeKiB: size, availableKiB: available)
        }
    }

    private static func size(_ kib: Int) -> String {
        kib >= 1 << 20 ? String(format: "%.1f GiB", Double(kib) / Double(1 << 20)) : String(format: "%.0f MiB", Double(kib) / 1024)
    }
}
