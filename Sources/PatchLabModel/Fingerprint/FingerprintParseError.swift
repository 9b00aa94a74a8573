/// A line of fingerprint probe output that does not have the probe's form: the probe script and the
/// reader disagree, or something else wrote to its output. Names the machine, the line and the line.
public struct FingerprintParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var machine: String
    /// 1-based.
    public var lineNumber: Int
    public var line: String
    /// What was expected, e.g. "expected 'port PROTOCOL NUMBER'".
    public var problem: String

    public init(machine: String, lineNumber: Int, line: String, problem: String) {
        self.machine = machine
        self.lineNumber = lineNumber
        self.line = line
        self.problem = problem
    }

    public var description: String {
        var shown = line.count > 120 ? String(line.prefix(117)) + "..." : line
        // The line may come from a hostile host: no control character reaches a terminal.
        shown = String(
            String.UnicodeScalarView(
                shown.unicodeScalars.map {
                    $0.properties.generalCategory == .control ? "?" : $0
                }))
        return "fingerprint of \(machine), line \(lineNumber): \(problem), found '\(shown)'"
    }
}
