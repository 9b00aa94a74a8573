import Foundation

/// What an `OperationTimeline` recorded between `start()` and `stop()`: the raw operations, the time
/// at least one of them was running, and how the wall time compares with that.
public struct OperationSummary: Sendable, Codable {
    /// One raw operation, in seconds since recording started.
    public struct Operation: Sendable, Codable, Equatable {
        public var kind: String
        public var start: Double
        public var end: Double

        public init(kind: String, start: Double, end: Double) {
            self.kind = kind
            self.start = start
            self.end = end
        }

        public var seconds: Double { end - start }
    }

    /// How many operations of one kind ran and their summed time.
    public struct KindTotal: Sendable, Codable, Equatable {
        public var kind: String
        public var count: Int
        public var seconds: Double
    }

    /// When recording started; operation times count from here.
    public var startedAt: Date
    /// From `start()` to `stop()`.
    public var wallSeconds: Double
    public var operations: [Operation]

    public init(startedAt: Date = Date(), wallSeconds: Double, operations: [Operation]) {
        self.startedAt = startedAt
        self.wallSeconds = wallSeconds
        self.operations = operations
    }

    /// The part of this summary between two moments (a phase of a run), operations cut at its edges.
    public func window(from start: Date, to end: Date) -> OperationSummary {
        let from = start.timeIntervalSince(startedAt)
        let to = max(from, end.timeIntervalSince(startedAt))
        let inside = operations.compactMap { operation -> Operation? in
            let clipped = Operation(kind: operation.kind, start: max(operation.start, from), end: min(operation.end, to))
            return clipped.end > clipped.start ? clipped : nil
        }
        return OperationSummary(
            startedAt: start, wallSeconds: to - from,
            operations: inside.map { Operation(kind: $0.kind, start: $0.start - from, end: $0.end - from) })
    }

    /// The time at least one operation was running: operations on different machines overlap, so
    /// their plain sum can exceed the wall time and says nothing about what the harness added.
    public var busySeconds: Double { Self.unionSeconds(operations) }

    /// The plain sum of every operation's time.
    public var sumSeconds: Double { operations.reduce(0) { $0 + $1.seconds } }

    /// Wall time over busy time: 1.0 means the harness added nothing between raw operations.
    public var overhead: Double { busySeconds > 0 ? wallSeconds / busySeconds : .infinity }

    /// Per kind, the longest total first.
    public var byKind: [KindTotal] {
        var totals: [String: KindTotal] = [:]
        for operation in operations {
            totals[operation.kind, default: KindTotal(kind: operation.kind, count: 0, seconds: 0)].count += 1
            totals[operation.kind]!.seconds += operation.seconds
        }
        return totals.values.sorted { ($0.seconds, $1.kind) > ($1.seconds, $0.kind) }
    }

    private enum CodingKeys: String, CodingKey {
        case startedAt, wallSeconds, busySeconds, sumSeconds, overhead, byKind, operations
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        startedAt = try container.decode(Date.self, forKey: .startedAt)
        wallSeconds = try container.decode(Double.self, forKey: .wallSeconds)
        operations = try container.decode([Operation].self, forKey: .operations)
    }

    /// The derived figures are written too, so a reader of the JSON need not recompute them.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(wallSeconds, forKey: .wallSeconds)
        try container.encode(busySeconds, forKey: .busySeconds)
        try container.encode(sumSeconds, forKey: .sumSeconds)
        // JSON has no infinity: with nothing recorded there is no ratio to write.
        try container.encodeIfPresent(overhead.isFinite ? overhead : nil, forKey: .overhead)
        try container.encode(byKind, forKey: .byKind)
        try container.encode(operations, forKey: .operations)
    }

    /// The length of the union of the intervals: sorted by start, each one adds only the part past
    /// the furthest end seen so far.
    static func unionSeconds(_ intervals: [Operation]) -> Double {
        var total = 0.0
        var reach = -Double.infinity
        for interval in intervals.sorted(by: { $0.start < $1.start }) where interval.end > interval.start {
            let from = max(interval.start, reach)
            if interval.end > from { total += interval.end - from }
            reach = max(reach, interval.end)
        }
        return total
    }
}
