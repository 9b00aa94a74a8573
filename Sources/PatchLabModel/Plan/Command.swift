/// A command to run in a guest, as a plan writes it: a string runs through `/bin/sh -c`, a list is
/// the argv itself (no shell, no quoting surprises). Each keeps where it is written, so a runner can
/// point at the plan line of a step that broke.
public enum Command: Sendable, Hashable, Codable, CustomStringConvertible {
    case shell(String, location: SourceLocation = .wholeFile("<code>"))
    case argv([String], location: SourceLocation = .wholeFile("<code>"))

    public var location: SourceLocation {
        switch self {
        case let .shell(_, location), let .argv(_, location): return location
        }
    }

    /// The full argv to execute: `["/bin/sh", "-c", script]` for a shell command.
    public var commandLine: [String] {
        switch self {
        case let .shell(script, _): return ["/bin/sh", "-c", script]
        case let .argv(words, _): return words
        }
    }

    /// The program to start (first word of ``commandLine``); guest-exec finds a bare name on `PATH`.
    public var path: String { commandLine.first ?? "" }

    /// The program's arguments (the rest of ``commandLine``).
    public var arguments: [String] { Array(commandLine.dropFirst()) }

    /// As a user would type it: the script itself, or the argv quoted where needed.
    public var description: String {
        switch self {
        case let .shell(script, _): return script
        case let .argv(words, _): return ShellQuoting.commandLine(words)
        }
    }
}
