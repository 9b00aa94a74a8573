/// Why a change must go ahead as an emergency: the written justification and the incident it answers.
public struct EmergencyDetails: Sendable, Hashable, Codable {
    public var justification: String
    /// The incident reference, e.g. INC-4711.
    public var incident: String

    public init(justification: String, incident: String) {
        self.justification = justification
        self.incident = incident
    }
}
