/// Where a machine's entry and the values that later checks use are written in the lab file, so the
/// engine can report "image 'x' not found" at the `image:` line rather than at the file.
public struct MachineLocations: Sendable, Hashable, Codable {
    /// The machine's entry (its first key).
    public var machine: SourceLocation
    /// The `name:` value.
    public var name: SourceLocation
    /// The `image:` value.
    public var image: SourceLocation
    /// The `host:` value, or the machine's entry when the host was defaulted.
    public var host: SourceLocation
    /// The `kernel:` value, if any.
    public var kernel: SourceLocation?
    /// The `initrd:` value, if any.
    public var initrd: SourceLocation?

    public init(
        machine: SourceLocation, name: SourceLocation, image: SourceLocation, host: SourceLocation,
        kernel: SourceLocation? = nil, initrd: SourceLocation? = nil
    ) {
        self.machine = machine
        self.name = name
        self.image = image
        self.host = host
        self.kernel = kernel
        self.initrd = initrd
    }

    /// Every location at one place, for machines built in code rather than read from a file.
    public init(all location: SourceLocation) {
        self.init(machine: location, name: location, image: location, host: location)
    }
}
