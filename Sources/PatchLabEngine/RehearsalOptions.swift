/// How to run a rehearsal.
public struct RehearsalOptions: Sendable {
    /// Leave the lab up afterwards, with a `ready` snapshot for a warm start next time.
    public var keepLab: Bool
    /// Only patch these machines (names), within the change's deployment.
    public var machines: [String]?

    public init(keepLab: Bool = false, machines: [String]? = nil) {
        self.keepLab = keepLab
        self.machines = machines
    }
}
