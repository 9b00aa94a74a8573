/// The go/no-go decision over a set of results: what the change board is asked to approve.
public enum Verdict: String, Sendable, Hashable, Codable, CaseIterable {
    /// Everything that counts held.
    case go
    /// Only minor or info cases had problems: the board may approve, knowing them.
    case goWithWarnings = "go-with-warnings"
    /// A critical or major case had a problem, or nothing was tested.
    case noGo = "no-go"

    /// How reports and the terminal print it.
    public var title: String {
        switch self {
        case .go: return "GO"
        case .goWithWarnings: return "GO WITH WARNINGS"
        case .noGo: return "NO-GO"
        }
    }

    /// Decides the verdict from each result's severity and state.
    ///
    /// - A `failed`, `timedOut` or `error` result of a critical or major case gives NO-GO. An error
    ///   counts like a failure: it means the case could not be judged, and an unjudged critical
    ///   function cannot be approved.
    /// - The same states on minor or info cases give GO WITH WARNINGS.
    /// - `waived` and `skipped` results do not count: a waiver is the board's own, dated acceptance,
    ///   and a skipped case was not part of what is being decided.
    /// - No results at all gives NO-GO: a verdict needs evidence.
    public static func decide(results: [(severity: Severity, state: ResultState)]) -> Verdict {
        guard !results.isEmpty else { return .noGo }
        let problems = results.filter { $0.state.isProblem }
        if problems.contains(where: { $0.severity.blocksGo }) { return .noGo }
        return problems.isEmpty ? .go : .goWithWarnings
    }
}
