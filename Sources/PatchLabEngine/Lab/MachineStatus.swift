import Libvirt
import PatchLabModel

/// One machine of a lab as `lab status` shows it: where it runs, its state, and what the guest says.
public struct MachineStatus: Sendable, Codable, Equatable {
    public var name: String
    public var role: String
    public var mirrors: String
    public var criticality: String
    public var domain: String?
    /// The lab host's name: the one chosen at `lab up`, or as the lab file says (`auto` before it is up).
    public var host: String
    public var hostURI: String
    public var accelerator: String?
    public var state: String
    public var hostname: String?
    public var os: GuestOSInfo?
    /// Why guest facts are missing, when they are.
    public var guestError: String?
}
