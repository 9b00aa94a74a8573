import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// The decompressed bytes of a `.tar.gz`, from `gzip -dc` reading the file this process opened: no
/// file name reaches gzip (nor tar, whose `--file` reads `host:path` as a remote tape), so a name
/// holding `:` or starting with `-` is only ever a local file. Read in chunks, in order, to the end
/// (where gzip's exit is checked); ``stop()`` kills gzip by its pid as soon as the reader has seen
/// enough, so a bomb is never decompressed whole.
final class GunzipStream {
    private let archive: String
    private let process = Process()
    private let output = Pipe()
    private let errors = Pipe()
    /// True while gzip runs unreaped: from a successful start until the end of its output or ``stop()``.
    private var running = false

    /// Opens `archive` (a regular file, or a link to one) and starts gzip on it.
    init(archive: String) throws {
        self.archive = archive
        // Non-blocking, so a FIFO named like an archive cannot hang the open; fstat refuses it next.
        let fd = open(archive, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            throw ArchiveRefusal(.notAFile, archive: archive, "cannot be opened: \(String(cString: strerror(errno)))")
        }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw ArchiveRefusal(.notAFile, archive: archive, "not a regular file")
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        let input = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        process.executableURL = URL(
            fileURLWithPath: FileManager.default.isExecutableFile(atPath: "/usr/bin/gzip") ? "/usr/bin/gzip" : "/bin/gzip")
        process.arguments = ["-dc"]
        // GZIP in the environment would add options; gzip gets none but its own.
        process.environment = ["PATH": "/usr/bin:/bin", "LC_ALL": "C"]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch {
            throw PacketError.archiveFailed(archive, reason: "cannot run gzip: \(error)")
        }
        running = true
        try? input.close()
    }

    deinit { stop() }

    /// Reads up to `buffer.count` bytes; 0 at the end of the stream, once gzip has ended well (no
    /// corruption, no cut, no trailing garbage). A stream gzip could not finish throws there, so a
    /// cut archive is named for what it is rather than for the tar stream it left half-written.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let fd = output.fileHandleForReading.fileDescriptor
        while true {
            let count = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if count > 0 { return count }
            if count == 0 { try reap(); return 0 }
            if errno != EINTR { throw PacketError.unreadable(archive) }
        }
    }

    private func reap() throws {
        guard running else { return }
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        running = false
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let said = String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                .replacingOccurrences(of: "gzip: stdin: ", with: "")
            throw ArchiveRefusal(.notGzip, archive: archive, "gzip could not decompress it" + (said.isEmpty ? "" : ": \(said)"))
        }
    }

    /// Kills gzip (by its pid) if it still runs, and reaps it. Safe to call more than once.
    func stop() {
        guard running else { return }
        running = false
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? output.fileHandleForReading.close()
        process.waitUntilExit()
    }
}
