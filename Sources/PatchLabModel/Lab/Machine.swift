/// One lab machine: a VM standing in for a production machine (`mirrors`), built as a linked clone of
/// its image. See ``Lab`` for the file format.
public struct Machine: Sendable, Hashable, Codable {
    /// Memory limits in MiB: below 256 MiB a Debian guest does not boot; 16 GiB bounds what one lab
    /// machine may take from a shared hypervisor.
    public static let memoryRange = 256...16384
    public static let defaultMemoryMiB = 512
    public static let vcpuRange = 1...8

    public var name: String
    /// What the machine does (`web`, `db`); test plans select machines by role.
    public var role: String
    /// The production host this machine stands for.
    public var mirrors: String
    public var image: ImageReference
    public var memoryMiB: Int
    public var vcpus: Int
    /// Decides the machine's place in a phased roll-out.
    public var criticality: Criticality
    /// The name of the ``LabHost`` the machine runs on, or `auto` (``LabHost/automatic``): placed by
    /// free memory at `lab up`, where the lab's state then records the host chosen.
    public var host: String
    /// Names of the lab's ``LabNetwork``s the machine is attached to, in file order.
    public var networks: [String]
    /// Set when the image has no bootloader.
    public var kernelBoot: DirectKernelBoot?
    public var locations: MachineLocations

    public init(
        name: String, role: String, mirrors: String, image: ImageReference,
        memoryMiB: Int = Machine.defaultMemoryMiB, vcpus: Int = 1, criticality: Criticality,
        host: String = "local", networks: [String] = [], kernelBoot: DirectKernelBoot? = nil,
        locations: MachineLocations = MachineLocations(all: .wholeFile("<code>"))
    ) {
        self.name = name
        self.role = role
        self.mirrors = mirrors
        self.image = image
        self.memoryMiB = memoryMiB
        self.vcpus = vcpus
        self.criticality = criticality
        self.host = host
        self.networks = networks
        self.kernelBoot = kernelBoot
        self.locations = locations
    }

    /// Whether `lab up` chooses the machine's host (`host: auto`).
    public var isPlacedAutomatically: Bool { host == LabHost.automatic }

    /// The machine's own place in the lab file.
    public var location: SourceLocation { locations.machine }
}
