/// What a batch rehearsal found beyond a single patch's record: each patch's install on each machine
/// in the batch's own pass (with what that patch alone changed), and the bisection when the batch failed.
public struct BatchRecord: Sendable, Codable {
    /// In the order they ran: machine by machine in deployment order, each machine's patches in batch order.
    public var installs: [PatchInstall]
    public var bisection: Bisection?

    public init(installs: [PatchInstall] = [], bisection: Bisection? = nil) {
        self.installs = installs
        self.bisection = bisection
    }

    /// The patches applied in the batch's pass (on any machine), in batch order.
    public func applied(in change: Change) -> [String] {
        change.patches.map(\.id).filter { id in installs.contains { $0.patch == id } }
    }
}
