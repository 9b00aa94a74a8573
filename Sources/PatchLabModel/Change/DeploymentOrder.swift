/// How a change rolls out over its machines.
public enum DeploymentOrder: String, Sendable, Hashable, Codable, CaseIterable {
    /// Least critical machine first (the lab's ``Criticality`` order, then file order), one at a
    /// time, stopping at the first machine that fails, so a bad patch reaches as few machines as it can.
    case phased
    /// Every machine together, in lab order.
    case allAtOnce = "all-at-once"
}
