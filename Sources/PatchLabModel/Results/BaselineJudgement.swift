/// What the baseline's results mean for the rest of a rehearsal, decided in this one place for the
/// engine (stop before patching?) and for whoever decides the verdict again from the results.
///
/// | baseline verdict | problems all accepted by the change | the rehearsal |
/// | --- | --- | --- |
/// | GO or GO WITH WARNINGS | — | goes on |
/// | NO-GO | yes (`accept_baseline_failures`) | goes on, and says so |
/// | NO-GO | no | stops before anything is patched: NO-GO, "baseline failed" |
public struct BaselineJudgement: Sendable, Hashable {
    public var verdict: Verdict
    /// The baseline's failed, errored or timed-out results.
    public var problems: [CaseResult]
    /// True when there are problems and the change accepts every one of them.
    public var failuresAccepted: Bool

    public init(results: [CaseResult], change: Change) {
        verdict = Verdict.decide(results: results.map { ($0.severity, $0.state) })
        problems = results.filter { $0.state.isProblem }
        failuresAccepted = !problems.isEmpty && problems.allSatisfy { change.acceptsBaselineFailure(of: $0.caseID) }
    }

    /// True when the rehearsal must stop before patching.
    public var stops: Bool { verdict == .noGo && !failuresAccepted }

    /// `WEB-001 on web-01 failed, …`: the problems, for the reason a stop gives.
    public var problemList: String {
        problems.map { "\($0.caseID) on \($0.machine) \($0.state.rawValue)" }.joined(separator: ", ")
    }
}
