/// The risk the requester assigns to a change; the board reads it next to the rehearsal's evidence.
public enum ChangeRisk: String, Sendable, Hashable, Codable, CaseIterable {
    case low
    case medium
    case high
}
