/// Where and in what order a change is deployed in the lab.
public struct DeploymentSpec: Sendable, Hashable, Codable {
    public var order: DeploymentOrder
    /// The machines the change targets, by name or role; nil means every machine of the lab.
    /// Whether they exist is ``Change/check(against:)-(Lab)``'s business.
    public var machines: [Located<MachineSelector>]?
    /// Where `deployment:` starts, or the change file's start when it was defaulted.
    public var location: SourceLocation

    public init(
        order: DeploymentOrder = .phased, machines: [Located<MachineSelector>]? = nil,
        location: SourceLocation = .wholeFile("<code>")
    ) {
        self.order = order
        self.machines = machines
        self.location = location
    }
}
