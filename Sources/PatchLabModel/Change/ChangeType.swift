/// How a change goes through approval, in the change board's own terms.
public enum ChangeType: String, Sendable, Hashable, Codable, CaseIterable {
    /// Planned, reviewed and approved by the board in its usual cycle.
    case normal
    /// Pre-approved and low-risk, done the same way every time.
    case standard
    /// Cannot wait for the usual cycle; still rehearsed, still approved on a fast track.
    case emergency
}
