/// What a failing test case means for the go/no-go decision, as the change board reads it.
///
/// Ordered by weight (`info < minor < major < critical`), so reports can sort the worst first.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// The system cannot do its job: a failure stops the change.
    case critical
    /// An important function is broken: a failure stops the change.
    case major
    /// A flaw the board may accept: a failure gives GO with warnings.
    case minor
    /// Recorded for the evidence only: a failure gives GO with warnings.
    case info

    /// Weight, higher is worse; derived from the declaration order (worst first) so it cannot drift.
    public var weight: Int { Self.allCases.count - Self.allCases.firstIndex(of: self)! }

    /// True when a failure (or error) of a case of this severity makes the verdict NO-GO.
    public var blocksGo: Bool { self == .critical || self == .major }

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs.weight < rhs.weight
    }
}
