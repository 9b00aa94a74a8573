/// The libvirt domain type a host's machines run with, and why it was chosen.
public struct AcceleratorChoice: Sendable, Codable, Equatable {
    /// `kvm`, `qemu` (TCG) or `test`.
    public var virtType: String
    public var reason: String

    public init(virtType: String, reason: String) {
        self.virtType = virtType
        self.reason = reason
    }

    /// How an operator names it: kvm, tcg, or test.
    public var displayName: String { virtType == "qemu" ? "tcg" : virtType }
}
