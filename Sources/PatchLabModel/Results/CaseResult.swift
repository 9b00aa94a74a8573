import Foundation

/// The outcome of one test case on one machine: its state, every expected result beside what was
/// actually found, and bounded output with the full text in log files.
public struct CaseResult: Sendable, Hashable, Codable {
    public var caseID: String
    public var title: String
    public var planID: String
    public var machine: String
    public var severity: Severity
    public var state: ResultState
    /// One per expectation, in plan order: expected vs actual.
    public var outcomes: [ExpectationOutcome]
    /// Why the case errored, was skipped, timed out or waived; nil for a plain pass or fail.
    public var message: String?
    /// The check's output, cut to a bound; the full text is in the log files.
    public var stdout: String
    public var stderr: String
    /// Paths of the full logs, relative to the report directory, when written.
    public var stdoutLog: String?
    public var stderrLog: String?
    public var exitCode: Int?
    public var startedAt: Date
    public var durationSeconds: Double
    public var attempts: Int
    public var functionality: String?
    public var tags: [String]
    /// The waiver that turned a failure into `waived`.
    public var waiver: Waiver?

    public init(
        caseID: String, title: String, planID: String, machine: String, severity: Severity, state: ResultState,
        outcomes: [ExpectationOutcome] = [], message: String? = nil, stdout: String = "", stderr: String = "",
        stdoutLog: String? = nil, stderrLog: String? = nil, exitCode: Int? = nil, startedAt: Date = Date(),
        durationSeconds: Double = 0, attempts: Int = 1, functionality: String? = nil, tags: [String] = [],
        waiver: Waiver? = nil
    ) {
        self.caseID = caseID
        self.title = title
        self.planID = planID
        self.machine = machine
        self.severity = severity
        self.state = state
        self.outcomes = outcomes
        self.message = message
        self.stdout = stdout
        self.stderr = stderr
        self.stdoutLog = stdoutLog
        self.stderrLog = stderrLog
        self.exitCode = exitCode
        self.startedAt = startedAt
        self.durationSeconds = durationSeconds
        self.attempts = attempts
        self.functionality = functionality
        self.tags = tags
        self.waiver = waiver
    }

    /// Identifies the result within a run: a case runs once per machine it targets.
    public var key: String { "\(caseID)@\(machine)" }
}
