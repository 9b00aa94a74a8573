/// How many approvals a change needs before it may go ahead, by kind of change.
public struct ApprovalQuorum: Sendable, Hashable, Codable {
    public var normal: Int
    /// An emergency change with a GO rehearsal; at least one must come from the emergency authority.
    public var emergency: Int
    /// An emergency change whose rehearsal said NO-GO: the emergency authority plus at least one more.
    public var noGoEmergency: Int

    public init(normal: Int = 1, emergency: Int = 1, noGoEmergency: Int = 2) {
        self.normal = normal
        self.emergency = emergency
        self.noGoEmergency = noGoEmergency
    }
}
