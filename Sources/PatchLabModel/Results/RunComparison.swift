/// Which cases changed state between two runs (a baseline and a post-patch or post-rollback run).
public struct RunComparison: Sendable, Hashable, Codable {
    /// One case on one machine whose state differs, or that is in only one run.
    public struct Change: Sendable, Hashable, Codable {
        public var key: String
        public var caseID: String
        public var machine: String
        /// nil when the case is absent from that run.
        public var before: ResultState?
        public var after: ResultState?
    }

    public var before: String
    public var after: String
    public var changes: [Change]
    public var unchangedCount: Int

    public var isSame: Bool { changes.isEmpty }

    /// Compares by (case id, machine), in the order of the first run, then cases new in the second.
    public static func compare(_ before: PlanRunResult, _ after: PlanRunResult) -> RunComparison {
        compare(before.results, after.results, beforeID: before.runID, afterID: after.runID)
    }

    public static func compare(_ before: [CaseResult], _ after: [CaseResult], beforeID: String, afterID: String) -> RunComparison {
        let afterByKey = Dictionary(after.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let beforeKeys = Set(before.map(\.key))
        var changes: [Change] = []
        var unchanged = 0
        for old in before {
            let new = afterByKey[old.key]
            if new?.state == old.state {
                unchanged += 1
            } else {
                changes.append(Change(key: old.key, caseID: old.caseID, machine: old.machine, before: old.state, after: new?.state))
            }
        }
        for new in after where !beforeKeys.contains(new.key) {
            changes.append(Change(key: new.key, caseID: new.caseID, machine: new.machine, before: nil, after: new.state))
        }
        return RunComparison(before: beforeID, after: afterID, changes: changes, unchangedCount: unchanged)
    }
}
