import Foundation

/// File access for key files: reading with errors that name the file, and writing new keys without
/// ever replacing one or leaving a private key readable by others.
enum KeyFile {
    static func read(_ path: String) throws(KeyError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .io(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw .io(path: path, reason: "is a directory, expected a PEM file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .io(path: path, reason: "cannot be read (check its permissions)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .file(path: path, problem: .noPEMBlock(expected: "a key"))
        }
        return text
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
