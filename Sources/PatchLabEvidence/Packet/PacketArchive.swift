import Foundation

/// The `.tar.gz` form of a packet: made with the system's GNU tar, a format every auditor's tools
/// read, produced by the tool that knows it best; read back by ``PacketUnpacker``, which trusts
/// nothing in it (GNU tar extracting a hostile archive would follow its links and names).
public enum PacketArchive {
    /// Archives `folder` as `archive`, its files under `topName/`, written to a temporary name first
    /// and renamed when complete (over an older archive, atomically: a reader sees the old or the
    /// new one, never a partial one).
    ///
    /// The temporary name is in a private folder made for it (`mkdtemp`, mode 0700) beside the
    /// archive: a fixed name such as `ARCHIVE.partial` could be planted as a link by whoever can
    /// write the evidence folder, and tar, which opens its output without `O_NOFOLLOW`, would write
    /// through it. `rename` then replaces the archive's name itself, never what a link there names.
    public static func create(folder: String, as archive: String, topName: String) throws {
        let parent = (folder as NSString).deletingLastPathComponent
        let name = (folder as NSString).lastPathComponent
        var template = Array(((archive as NSString).deletingLastPathComponent + "/.patchlab-archive-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw PacketError.archiveFailed(archive, reason: "cannot make a private folder beside it: \(String(cString: strerror(errno)))")
        }
        let scratch = String(cString: made)
        let partial = scratch + "/" + (archive as NSString).lastPathComponent
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        // --force-local: an evidence root holding ':' is a folder, not a remote tape host.
        try run(
            [
                "--create", "--force-local", "--use-compress-program=\(compressor) -1", "--file", partial, "--directory", parent,
                "--owner=0", "--group=0", "--numeric-owner",
                "--sort=name", "--transform", "s|^\(name)|\(topName)|", name,
            ], for: archive)
        guard rename(partial, archive) == 0 else {
            throw PacketError.archiveFailed(archive, reason: "cannot move it into place: \(String(cString: strerror(errno)))")
        }
    }

    /// Brings the archive beside a packet folder (`ROOT/CHANGE/RUN` → `ROOT/CHANGE-RUN.tar.gz`) up to
    /// date with the folder, when there is one: approval records are added to the folder after the
    /// packet was written, and the archive is what gets filed.
    public static func refresh(folder: String) throws {
        let run = (folder as NSString).lastPathComponent
        let subjectFolder = (folder as NSString).deletingLastPathComponent
        let subject = (subjectFolder as NSString).lastPathComponent
        let archive = PacketLayout.archive(root: (subjectFolder as NSString).deletingLastPathComponent, change: subject, runID: run)
        guard FileManager.default.fileExists(atPath: archive) else { return }
        try create(folder: folder, as: archive, topName: PacketLayout.archiveFolderName(change: subject, runID: run))
    }

    /// Unpacks `archive` into a new private scratch folder under `parent` and returns the packet folder
    /// inside it. The archive must hold exactly one top folder of regular files and folders, within
    /// `limits`; anything else is refused (``ArchiveRefusal``) with nothing left on disk. The caller
    /// removes `scratch` when done.
    public static func unpack(
        _ archive: String, limits: Limits = Limits(),
        in parent: String = FileManager.default.temporaryDirectory.path
    ) throws -> (packet: String, scratch: String) {
        try PacketUnpacker(archive: archive, limits: limits, parent: parent).unpack()
    }

    /// pigz writes the same gzip format on every core; plain gzip where it is not installed. Level 1:
    /// logs compress well even so, and the archive is written at close to the disk's pace.
    static var compressor: String {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/pigz") ? "/usr/bin/pigz" : "gzip"
    }

    private static func run(_ arguments: [String], for archive: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/tar")
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch { throw PacketError.archiveFailed(archive, reason: "cannot run tar: \(error)") }
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PacketError.archiveFailed(
                archive,
                reason: "tar failed: "
                    + String(decoding: message, as: UTF8.self)
                    .trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}
