import Testing
@testable import PatchLabModel

/// Go/no-go from severities and result states.
@Suite struct VerdictTests {
    @Test func allPassedIsGo() {
        #expect(Verdict.decide(results: [(.critical, .passed), (.minor, .passed)]) == .go)
    }

    @Test(arguments: [ResultState.failed, .timedOut, .error], [Severity.critical, .major])
    func aCriticalOrMajorProblemIsNoGo(state: ResultState, severity: Severity) {
        #expect(Verdict.decide(results: [(.minor, .passed), (severity, state)]) == .noGo)
    }

    @Test(arguments: [ResultState.failed, .timedOut, .error], [Severity.minor, .info])
    func onlyMinorOrInfoProblemsAreGoWithWarnings(state: ResultState, severity: Severity) {
        #expect(Verdict.decide(results: [(.critical, .passed), (severity, state)]) == .goWithWarnings)
    }

    @Test func waivedAndSkippedDoNotCount() {
        #expect(Verdict.decide(results: [(.critical, .waived), (.major, .skipped), (.minor, .passed)]) == .go)
    }

    @Test func noGoWinsOverWarnings() {
        #expect(Verdict.decide(results: [(.minor, .failed), (.major, .failed)]) == .noGo)
    }

    @Test func nothingTestedIsNoGo() {
        #expect(Verdict.decide(results: []) == .noGo)
    }

    @Test func namesAndOrder() {
        #expect(Verdict.allCases.map(\.title) == ["GO", "GO WITH WARNINGS", "NO-GO"])
        #expect(Verdict.goWithWarnings.rawValue == "go-with-warnings")
        #expect(ResultState.timedOut.rawValue == "timed-out")
        #expect(ResultState.allCases.filter(\.isProblem) == [.failed, .error, .timedOut])
        #expect(Severity.info < .minor && Severity.minor < .major && Severity.major < .critical)
        #expect(Severity.allCases.filter(\.blocksGo) == [.critical, .major])
    }
}
