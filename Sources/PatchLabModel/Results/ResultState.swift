/// The outcome of one test case on one machine, shared by the runner, the run store and the reports.
///
/// The raw values are what files (JSON results, the run store) hold; they never change meaning.
public enum ResultState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Every expected result held.
    case passed
    /// The system under test did not give the expected result.
    case failed
    /// The harness or the lab broke (machine unreachable, setup step failed, a probe could not run):
    /// the system under test was not judged, so this is never reported as a test failure.
    case error
    /// Not run, on purpose (filtered out, or an earlier problem made running it pointless); the result
    /// says why.
    case skipped
    /// It failed, but an active ``Waiver`` covers it.
    case waived
    /// The harness's deadline for the case passed before it finished.
    case timedOut = "timed-out"

    /// True when the case did not show that the system works: it failed, broke, or ran out of time.
    /// Waived and skipped cases are not counted (see ``Verdict/decide(results:)``).
    public var isProblem: Bool {
        switch self {
        case .failed, .error, .timedOut: return true
        case .passed, .skipped, .waived: return false
        }
    }
}
