/// A libvirt host a lab's machines may run on, named in the lab file and reached by its connection URI
/// (`qemu:///system`, `qemu+ssh://host/system`, …), with the limits the lab keeps on it.
public struct LabHost: Sendable, Hashable, Codable {
    /// Limits on `max_machines`: one machine at least; a thousand bounds what one lab may put on a host.
    public static let machineLimitRange = 1...1000
    /// Limits on `max_parallel_boots`: booting is CPU-bound, so more than 64 at once only queues in QEMU.
    public static let parallelBootRange = 1...64
    /// The name `host: auto` takes: a machine placed by free memory. No host may be called so.
    public static let automatic = "auto"

    /// The name machines use in `host:`.
    public var name: String
    /// The libvirt connection URI.
    public var uri: String
    /// At most this many of the lab's machines run here (`max_machines`); nil: no limit.
    public var maxMachines: Int?
    /// At most this many machines boot here at once (`max_parallel_boots`); nil: all at once.
    public var maxParallelBoots: Int?
    /// Where the host's entry is written (its name), for errors found when connecting.
    public var location: SourceLocation
    /// Where `max_machines` is written, if it is.
    public var maxMachinesLocation: SourceLocation?

    public init(
        name: String, uri: String, maxMachines: Int? = nil, maxParallelBoots: Int? = nil,
        location: SourceLocation, maxMachinesLocation: SourceLocation? = nil
    ) {
        self.name = name
        self.uri = uri
        self.maxMachines = maxMachines
        self.maxParallelBoots = maxParallelBoots
        self.location = location
        self.maxMachinesLocation = maxMachinesLocation
    }

    /// The host a lab gets when its file names none: the local system hypervisor.
    public static func defaultLocal(file: String) -> LabHost {
        LabHost(name: "local", uri: "qemu:///system", location: .start(of: file))
    }

    /// Whether the host is another machine: its URI names a server (`qemu+ssh://rack-2/system`), so
    /// it shares no filesystem with this one. `qemu:///system` and `test:///…` are on this machine.
    public var isRemote: Bool { Self.isRemote(uri: uri) }

    public static func isRemote(uri: String) -> Bool {
        guard let separator = uri.range(of: "://") else { return false }
        let rest = uri[separator.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        return !authority.isEmpty
    }

    /// A URI needs a scheme and `://`, and no spaces; anything else libvirt refuses later with a
    /// vaguer message.
    static func isValidURI(_ text: String) -> Bool {
        guard let separator = text.range(of: "://") else { return false }
        let scheme = text[..<separator.lowerBound]
        return !scheme.isEmpty
            && scheme.first!.isLetter
            && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
            && !text.contains { $0.isWhitespace }
    }
}
