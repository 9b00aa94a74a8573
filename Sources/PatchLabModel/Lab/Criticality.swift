/// How much harm a machine's production twin does when a patch goes wrong there. Phased roll-outs go
/// from the least critical (`pilot`) to the most critical, so the order of the cases is the order of
/// roll-out and `<` compares by it.
public enum Criticality: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// A machine that exists to take patches first.
    case pilot
    case low
    case medium
    case high
    case critical

    /// Position in roll-out order; the declaration order is the single source of truth.
    public var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: Criticality, rhs: Criticality) -> Bool {
        lhs.rank < rhs.rank
    }
}
