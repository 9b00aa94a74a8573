/// How one dimension of a lab machine compares with production: counts of what is the same, what
/// differs, what is missing in the lab and what only the lab has, the exact differences, and the
/// score.
///
/// The score is the share of compared facts that are the same: `same / (same + different +
/// missingInLab + onlyInLab)`, and 1 when neither side has anything to compare. ``score`` is what
/// the writer recorded; ``computedScore`` is worked out again from the counts, and is what every
/// decision uses.
public struct FidelityDimension: Sendable, Hashable, Codable {
    public var kind: FidelityDimensionKind
    public var same: Int
    public var different: Int
    public var missingInLab: Int
    public var onlyInLab: Int
    /// As recorded, for readers of the JSON; decisions use ``computedScore``.
    public var score: Double
    /// Every difference, sorted by key.
    public var differences: [FidelityDifference]

    public init(kind: FidelityDimensionKind, same: Int, differences: [FidelityDifference]) {
        self.kind = kind
        self.same = same
        self.differences = differences.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        different = differences.filter { $0.kind == .different }.count
        missingInLab = differences.filter { $0.kind == .missingInLab }.count
        onlyInLab = differences.filter { $0.kind == .onlyInLab }.count
        score = 0
        score = computedScore
    }

    /// Every fact compared; nil when the counts add up past `Int.max` (only a forged record's can).
    public var compared: Int? {
        var total = 0
        for count in [same, different, missingInLab, onlyInLab] {
            let (sum, overflow) = total.addingReportingOverflow(count)
            if overflow { return nil }
            total = sum
        }
        return total
    }

    /// `same / compared`, or 1 with nothing to compare; counts below zero or past `Int.max` in all
    /// (a forged record) give 0.
    public var computedScore: Double {
        guard same >= 0, different >= 0, missingInLab >= 0, onlyInLab >= 0, let compared else { return 0 }
        return compared == 0 ? 1 : Double(same) / Double(compared)
    }

    /// `412 same, 3 other version, 180 missing in the lab, 9 only in the lab`.
    public var countsLine: String {
        let other = kind == .packages ? "other version" : "different"
        return "\(same) same, \(different) \(other), \(missingInLab) missing in the lab, \(onlyInLab) only in the lab"
    }
}
