/// The judgement of one ``Expectation`` on one ``ProbeOutput``: pass or fail, and the expected and
/// actual values a report prints side by side.
public struct ExpectationOutcome: Sendable, Hashable, Codable {
    public var passed: Bool
    /// The expected result, as the plan states it (the expectation's `description`).
    public var expected: String
    /// What was seen, in the same terms ("service nginx is inactive and disabled").
    public var actual: String
    /// True when the fact could not be gathered at all (the probe's tool is missing, its output is
    /// unreadable). `passed` is false then; a runner should report the case as `error`, not `failed`,
    /// because the system under test was never judged.
    public var inconclusive: Bool

    public init(passed: Bool, expected: String, actual: String, inconclusive: Bool = false) {
        self.passed = passed
        self.expected = expected
        self.actual = actual
        self.inconclusive = inconclusive
    }
}
