/// A production record that cannot be used: unreadable, too large, not JSON of the record's
/// format, or holding facts the probe could not have printed. Names the file and every problem.
public struct ProductionRecordError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var problems: [String]

    public init(file: String, problems: [String]) {
        self.file = file
        self.problems = problems
    }

    public init(file: String, problem: String) {
        self.init(file: file, problems: [problem])
    }

    public var description: String {
        problems.map { "\(file): error: \($0)" }.joined(separator: "\n")
    }
}
