/// What a board member may do: approve normal changes, also approve emergencies, or only read.
public enum BoardRole: String, Sendable, Hashable, Codable, CaseIterable {
    case approver
    /// May approve emergency changes (and is needed for each).
    case emergencyAuthority = "emergency-authority"
    /// Reads the board; decides nothing.
    case observer
}
