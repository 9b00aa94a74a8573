import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file the user named (a lab, a plan, an included plan, a change, a sha256 file, a members
/// file) as hostile input: only a regular file, never more than ``maximumSize`` bytes, strict UTF-8.
///
/// Why not `String(contentsOfFile:)`: it blocks for ever on a FIFO with no writer, reads a device
/// such as `/dev/zero` until memory runs out, and reports a folder as "permission denied". Here the
/// path is `stat`ed first (nothing that is not a regular file is opened), opened with `O_NONBLOCK`
/// (a FIFO swapped in after the `stat` cannot block the open) and `fstat`ed again before any read.
public enum InputFile {
    /// No lab, plan, change or members file comes near this: the shipped ones are 2–3 KiB, and a
    /// plan of 1,000 cases is about 150 KiB. A cap keeps parse time and memory bounded (a 1 MiB file
    /// parses in well under a second and 100 MiB in a debug build).
    public static let maximumSize = 1 << 20

    /// Why a path cannot be read as an input file.
    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        case notFound
        case permissionDenied
        /// Something other than a regular file: "a folder", "a FIFO", "a character device"…
        case notRegular(String)
        case tooLarge(bytes: Int)
        /// Not UTF-8: the offending byte's line and column (1-based, columns in Unicode scalars).
        case invalidUTF8(line: Int, column: Int)
        /// Any other failure of the system call, as `strerror` says it.
        case system(String)

        public var description: String {
            switch self {
            case .notFound: return "no such file"
            case .permissionDenied: return "permission denied"
            case let .notRegular(kind): return "it is \(kind), not a regular file"
            case let .tooLarge(bytes):
                return "it is too large (\(bytes) bytes, more than 1 MiB)"
            case let .invalidUTF8(line, column): return "it is not UTF-8 text (invalid byte at line \(line), column \(column))"
            case let .system(message): return message
            }
        }

        /// Where in the file the problem is: the bad byte for invalid UTF-8, the whole file otherwise.
        public func location(in file: String) -> SourceLocation {
            switch self {
            case let .invalidUTF8(line, column): return SourceLocation(file: file, line: line, column: column)
            case .tooLarge: return .start(of: file)
            default: return .wholeFile(file)
            }
        }
    }

    /// The file's text; throws a ``Problem``.
    public static func read(_ path: String) throws(Problem) -> String {
        if let problem = regularFileProblem(path) { throw problem }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { throw problem(errno: errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw problem(errno: errno) }
        if let kind = kindOtherThanRegular(status.st_mode) { throw .notRegular(kind) }
        if Int(status.st_size) > maximumSize { throw .tooLarge(bytes: Int(status.st_size)) }

        // Up to one byte past the cap, whatever the size said: a file that grows after the fstat is
        // still refused, and one that shrinks is read as it now is.
        var bytes = [UInt8](repeating: 0, count: min(Int(status.st_size), maximumSize) + 1)
        var count = 0
        while count <= maximumSize {
            if count == bytes.count { bytes += [UInt8](repeating: 0, count: min(bytes.count, maximumSize + 1 - count)) }
            let got = bytes.withUnsafeMutableBytes { buffer in
                systemRead(descriptor, buffer.baseAddress! + count, buffer.count - count)
            }
            if got == 0 { break }
            if got < 0 {
                if errno == EINTR { continue }
                throw problem(errno: errno)
            }
            count += got
        }
        if count > maximumSize { throw .tooLarge(bytes: count) }
        return try text(of: bytes[..<count])
    }

    /// The text of a file to load, or a ``ModelError`` naming the file and `what` it should be
    /// ("lab file"): at the bad byte for invalid UTF-8, the whole file otherwise.
    public static func text(of path: String, what: String) throws(ModelError) -> String {
        do {
            return try read(path)
        } catch {
            throw ModelError(
                "cannot read \(what): \(error); expected a regular UTF-8 file of at most 1 MiB",
                at: error.location(in: path))
        }
    }

    /// Why `path` is not an existing regular file (following symbolic links), or nil when it is one.
    /// Nothing is opened, so asking about a FIFO or a device has no effect on it.
    public static func regularFileProblem(_ path: String) -> Problem? {
        var status = stat()
        guard stat(path, &status) == 0 else { return problem(errno: errno) }
        return kindOtherThanRegular(status.st_mode).map(Problem.notRegular)
    }

    /// Why a file a document names cannot be used, for its message after the file's name:
    /// `not found (shown)`, or `(shown) is a FIFO, not a regular file` when something else is there.
    public static func absence(of path: String, shown: String) -> String {
        switch regularFileProblem(path) {
        case let .notRegular(kind)?: return "(\(shown)) is \(kind), not a regular file"
        case .permissionDenied?: return "(\(shown)) cannot be reached: permission denied"
        default: return "not found (\(shown))"
        }
    }

    /// Why reading a file failed, for a message: a ``Problem``'s description, "no such file" for
    /// Foundation's (or a test's) missing-file error, else the error's own description.
    public static func reason(_ error: any Error) -> String {
        if let problem = error as? Problem { return problem.description }
        if let error = error as? CocoaError, [.fileReadNoSuchFile, .fileNoSuchFile].contains(error.code) {
            return "no such file"
        }
        return error.localizedDescription
    }

    /// Strict UTF-8: the first invalid byte is reported at its line and column. A leading byte order
    /// mark is dropped, as `String(contentsOfFile:)` did (libyaml, told the encoding, would read it as
    /// text).
    static func text(of bytes: ArraySlice<UInt8>) throws(Problem) -> String {
        let bytes = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var line = 1, column = 1
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var previous: Unicode.Scalar?
        while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar):
                // CR LF, CR and LF each end a line, as libyaml counts them.
                if scalar == "\n" {
                    if previous != "\r" { line += 1 }
                    column = 1
                } else if scalar == "\r" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                previous = scalar
            case .emptyInput:
                return String(decoding: bytes, as: UTF8.self)
            case .error:
                throw .invalidUTF8(line: line, column: column)
            }
        }
    }

    private static func kindOtherThanRegular(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a FIFO"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "a special file"
        }
    }

    /// `read(2)`, named apart from this type's own `read`.
    private static func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.read(descriptor, buffer, count)
        #elseif canImport(Musl)
            Musl.read(descriptor, buffer, count)
        #else
            Darwin.read(descriptor, buffer, count)
        #endif
    }

    private static func problem(errno code: Int32) -> Problem {
        switch code {
        case ENOENT, ENOTDIR: return .notFound
        case EACCES, EPERM: return .permissionDenied
        default: return .system(String(cString: strerror(code)))
        }
    }
}
