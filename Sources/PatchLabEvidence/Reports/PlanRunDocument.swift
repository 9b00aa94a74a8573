import Foundation
import PatchLabModel

/// The JSON results document (`results.json`): plan runs with their counts and verdicts, under a
/// versioned schema (``JSONReport/schemaID``, committed as `Schemas/plan-run.schema.json`).
///
/// The document holds guest output exactly as the runner kept it (JSON escapes any character), so
/// it is the faithful record; whoever displays it must escape it, as the other reports do.
public struct PlanRunDocument: Sendable, Hashable, Codable {
    /// The schema the document follows; a reader refuses any other (see ``JSONReport/decode(_:)``).
    public var schema: String
    /// Over all runs: the worst verdict (see ``ReportTotals``).
    public var verdict: Verdict
    /// Over all runs: cases in each state, every state present.
    public var counts: [ResultState: Int]
    public var durationSeconds: Double
    /// When the first run started; absent without runs.
    public var startedAt: Date?
    public var runs: [Run]

    public init(_ runs: [PlanRunResult]) {
        let totals = ReportTotals(runs)
        schema = JSONReport.schemaID
        verdict = totals.verdict
        counts = totals.counts
        durationSeconds = totals.durationSeconds
        startedAt = totals.startedAt
        self.runs = runs.map(Run.init)
    }

    private enum CodingKeys: String, CodingKey {
        case schema, verdict, counts, durationSeconds, startedAt, runs
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        schema = try container.decode(String.self, forKey: .schema)
        verdict = try container.decode(Verdict.self, forKey: .verdict)
        counts = try Self.decodeCounts(from: container, forKey: .counts)
        durationSeconds = try container.decode(Double.self, forKey: .durationSeconds)
        startedAt = try container.decodeIfPresent(Date.self, forKey: .startedAt)
        runs = try container.decode([Run].self, forKey: .runs)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schema, forKey: .schema)
        try container.encode(verdict, forKey: .verdict)
        try Self.encodeCounts(counts, to: &container, forKey: .counts)
        try container.encode(durationSeconds, forKey: .durationSeconds)
        try container.encodeIfPresent(startedAt, forKey: .startedAt)
        try container.encode(runs, forKey: .runs)
    }

    /// Counts as an object keyed by state (`{"passed": 3, "timed-out": 0, …}`): a dictionary keyed by
    /// an enum would otherwise encode as a flat array.
    static func encodeCounts<Key: CodingKey>(
        _ counts: [ResultState: Int], to container: inout KeyedEncodingContainer<Key>,
        forKey key: Key
    ) throws {
        let byName = Dictionary(uniqueKeysWithValues: ResultState.allCases.map { ($0.rawValue, counts[$0] ?? 0) })
        try container.encode(byName, forKey: key)
    }

    static func decodeCounts<Key: CodingKey>(
        from container: KeyedDecodingContainer<Key>,
        forKey key: Key
    ) throws -> [ResultState: Int] {
        let byName = try container.decode([String: Int].self, forKey: key)
        var counts: [ResultState: Int] = [:]
        for (name, count) in byName {
            guard let state = ResultState(rawValue: name) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container,
                    debugDescription: "unknown result state '\(name)' in counts")
            }
            counts[state] = count
        }
        return counts
    }
}
