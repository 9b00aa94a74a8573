import Foundation

/// One run of one test plan against one lab: what reports, the run store and comparisons read.
public struct PlanRunResult: Sendable, Hashable, Codable {
    public var runID: String
    public var planID: String
    public var planTitle: String
    public var planVersion: String
    /// sha256 over the plan file and every file it includes, so a result names exactly what ran.
    public var planDigest: String
    public var lab: String
    /// The rehearsal phase this run belongs to; nil for a plan run of its own.
    public var phase: RehearsalPhase?
    public var startedAt: Date
    public var endedAt: Date
    public var verdict: Verdict
    public var results: [CaseResult]

    public init(
        runID: String, planID: String, planTitle: String, planVersion: String, planDigest: String, lab: String,
        phase: RehearsalPhase? = nil, startedAt: Date, endedAt: Date, verdict: Verdict, results: [CaseResult]
    ) {
        self.runID = runID
        self.planID = planID
        self.planTitle = planTitle
        self.planVersion = planVersion
        self.planDigest = planDigest
        self.lab = lab
        self.phase = phase
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.verdict = verdict
        self.results = results
    }

    /// How many results are in each state; every state is present, zero included.
    public var counts: [ResultState: Int] {
        var counts = Dictionary(uniqueKeysWithValues: ResultState.allCases.map { ($0, 0) })
        for result in results { counts[result.state, default: 0] += 1 }
        return counts
    }

    public var durationSeconds: Double { endedAt.timeIntervalSince(startedAt) }
}
