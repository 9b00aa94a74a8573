/// What `lab/environment.json` holds in a run folder and an evidence packet: the lab as it ran —
/// each machine's domain, golden image and its digest, and each hypervisor host's versions.
/// Written by the engine while the lab is up; read by the packet writer and verifier.
public struct LabEnvironmentRecord: Codable, Sendable, Equatable {
    public struct Host: Codable, Sendable, Equatable {
        /// The host's name in the lab file; nil in records made before labs named hosts per machine.
        public var name: String?
        public var uri: String
        public var hostname: String?
        public var libvirtVersion: String?
        public var hypervisorVersion: String?

        public init(name: String? = nil, uri: String, hostname: String?, libvirtVersion: String?, hypervisorVersion: String?) {
            self.name = name
            self.uri = uri
            self.hostname = hostname
            self.libvirtVersion = libvirtVersion
            self.hypervisorVersion = hypervisorVersion
        }
    }

    public struct Machine: Codable, Sendable, Equatable {
        public var name: String
        public var mirrors: String
        public var role: String
        public var criticality: String
        public var domain: String
        public var virtType: String
        public var image: String
        public var imageSHA256: String?
        /// The lab host it ran on (chosen at `lab up` for `host: auto`).
        public var host: String?
        public var hostURI: String

        public init(
            name: String, mirrors: String, role: String, criticality: String, domain: String, virtType: String,
            image: String, imageSHA256: String?, host: String? = nil, hostURI: String
        ) {
            self.name = name
            self.mirrors = mirrors
            self.role = role
            self.criticality = criticality
            self.domain = domain
            self.virtType = virtType
            self.image = image
            self.imageSHA256 = imageSHA256
            self.host = host
            self.hostURI = hostURI
        }
    }

    public var harnessHost: String
    public var labPrefix: String
    public var hosts: [Host]
    public var machines: [Machine]

    public init(harnessHost: String, labPrefix: String, hosts: [Host], machines: [Machine]) {
        self.harnessHost = harnessHost
        self.labPrefix = labPrefix
        self.hosts = hosts
        self.machines = machines
    }
}
