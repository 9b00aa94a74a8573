/// A place in a source file, 1-based, printed the way compilers do (`labs/demo.yaml:12:5`) so editors
/// and terminals can jump to it.
///
/// Line 0 stands for the file as a whole (for example when it cannot be read); it prints as the path
/// alone.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file path as the user gave it, so messages match what they typed.
    public var file: String
    /// Line number, starting at 1 (0: the whole file).
    public var line: Int
    /// Column number, starting at 1, counted in Unicode scalars (as libyaml counts them).
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The file as a whole, for problems that have no better place (an unreadable file).
    public static func wholeFile(_ file: String) -> SourceLocation {
        SourceLocation(file: file, line: 0, column: 0)
    }

    /// The first character of a file: where a problem with the document as a whole is reported.
    public static func start(of file: String) -> SourceLocation {
        SourceLocation(file: file, line: 1, column: 1)
    }

    public var description: String {
        line > 0 ? "\(file):\(line):\(column)" : file
    }
}

extension SourceLocation: Comparable {
    /// Orders by file, then position, so diagnostics print in reading order.
    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}
