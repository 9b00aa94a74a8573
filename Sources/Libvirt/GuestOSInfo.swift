/// What `guest-get-osinfo` says about the guest's operating system.
public struct GuestOSInfo: Sendable, Equatable, Codable {
    public var id: String?
    public var name: String?
    public var prettyName: String?
    public var version: String?
    public var versionID: String?
    public var kernelRelease: String?
    public var machine: String?

    enum CodingKeys: String, CodingKey {
        case id, name, version, machine
        case prettyName = "pretty-name"
        case versionID = "version-id"
        case kernelRelease = "kernel-release"
    }

    public init(
        id: String? = nil, name: String? = nil, prettyName: String? = nil, version: String? = nil,
        versionID: String? = nil, kernelRelease: String? = nil, machine: String? = nil
    ) {
        self.id = id
        self.name = name
        self.prettyName = prettyName
        self.version = version
        self.versionID = versionID
        self.kernelRelease = kernelRelease
        self.machine = machine
    }
}
