import Foundation
import PatchLabModel

/// File access for key files: reading with errors that name the file, and writing new keys without
/// ever replacing one or leaving a private key readable by others.
enum KeyFile {
    /// A key file's text, read as the model reads every file a user names (``InputFile``): a regular
    /// file only (a FIFO or device named as a key never blocks or floods), at most 1 MiB, UTF-8.
    static func read(_ path: String) throws(KeyError) -> String {
        do {
            return try InputFile.read(path)
        } catch {
            switch error {
            case .invalidUTF8: throw .file(path: path, problem: .noPEMBlock(expected: "a key"))
            case .notFound: throw .io(path: path, reason: "no such file")
            case .notRegular("a folder"): throw .io(path: path, reason: "is a directory, expected a PEM file")
            case let .notRegular(kind): throw .io(path: path, reason: "is \(kind), expected a PEM file")
            case .permissionDenied: throw .io(path: path, reason: "cannot be read (check its permissions)")
            default: throw .io(path: path, reason: "\(error); expected a PEM key file")
            }
        }
    }

    /// The file name without directory and last extension: `keys/alice.pub` is `alice`.
    static func stem(_ path: String) -> String {
        let file = URL(fileURLWithPath: path).lastPathComponent
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return file }
        return String(file[..<dot])
    }

    /// Creates `path` with `mode`, failing if anything is there already. The mode is set when the
    /// file is created, so a private key is never readable by others, not even for a moment.
    static func create(_ path: String, contents: String, mode: mode_t) throws(KeyError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            let code = errno
            if code == EEXIST { throw .fileExists(path: path) }
            throw .io(path: path, reason: "cannot create: \(String(cString: strerror(code)))")
        }
        defer { close(descriptor) }
        // The umask may have taken bits away; put back exactly the mode asked for.
        _ = fchmod(descriptor, mode)
        let bytes = Array(contents.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if result < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                unlink(path)
                throw .io(path: path, reason: "cannot write: \(reason)")
            }
            written += result
        }
    }
}
