import Foundation
import PatchLabModel

/// What a report says about all its runs together: the counts, the verdict and the time span that
/// the top of every format shows.
public struct ReportTotals: Sendable, Hashable {
    /// Cases in each state over every run; every state is present, zero included.
    public var counts: [ResultState: Int]
    /// The worst verdict of the runs (NO-GO over GO WITH WARNINGS over GO); NO-GO when there is no
    /// run at all, because a verdict needs evidence.
    public var verdict: Verdict
    /// The sum of the runs' durations.
    public var durationSeconds: Double
    /// When the first run started; nil without runs.
    public var startedAt: Date?
    /// The plans run, each once, in the order of the runs (a baseline and a post-patch run of `WEB`
    /// give `["WEB"]`).
    public var planIDs: [String]

    public init(_ runs: [PlanRunResult]) {
        var counts = Dictionary(uniqueKeysWithValues: ResultState.allCases.map { ($0, 0) })
        for run in runs {
            for (state, count) in run.counts { counts[state, default: 0] += count }
        }
        self.counts = counts
        verdict = runs.map(\.verdict).max { Self.rank($0) < Self.rank($1) } ?? .noGo
        durationSeconds = runs.map(\.durationSeconds).reduce(0, +)
        startedAt = runs.map(\.startedAt).min()
        planIDs = runs.map(\.planID).reduce(into: []) { ids, id in if !ids.contains(id) { ids.append(id) } }
    }

    /// Cases in all runs.
    public var total: Int { counts.values.reduce(0, +) }

    private static func rank(_ verdict: Verdict) -> Int {
        switch verdict {
        case .go: return 0
        case .goWithWarnings: return 1
        case .noGo: return 2
        }
    }
}
