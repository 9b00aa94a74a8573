/// How a change is undone in the rehearsal, and what must hold afterwards beyond "back to the baseline".
public struct RollbackSpec: Sendable, Hashable, Codable {
    public var strategy: RollbackStrategy
    /// Absolute paths of extra plans run after the rollback (written relative to the change file);
    /// their cases have no baseline, so each must simply hold.
    public var verifyPlans: [Located<String>]
    /// Where `rollback:` starts, or the change file's start when it was defaulted.
    public var location: SourceLocation

    public init(
        strategy: RollbackStrategy = .snapshot, verifyPlans: [Located<String>] = [],
        location: SourceLocation = .wholeFile("<code>")
    ) {
        self.strategy = strategy
        self.verifyPlans = verifyPlans
        self.location = location
    }
}
