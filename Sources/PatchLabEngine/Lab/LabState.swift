import Foundation

/// What one `lab up` created, written before each creation so a crash half-way can be undone.
/// Kept at `state/labs/LAB.json` and its change log (``LabStateStore``); `lab down` removes exactly
/// what is listed here.
public struct LabState: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable { case provisioning, ready, failed }

    /// One libvirt object (or host file) this lab run made.
    public struct Object: Sendable, Codable, Hashable {
        public enum Kind: String, Sendable, Codable { case network, volume, domain, consoleLog }
        public var kind: Kind
        /// The libvirt name (for a volume, its name in `pool`; for a console log, its path).
        public var name: String
        public var hostURI: String
        public var machine: String?
        public var pool: String?
    }

    /// One machine of the lab as brought up.
    public struct MachineRecord: Sendable, Codable, Equatable {
        public var name: String
        public var domain: String
        /// The lab host's name (chosen by placement for `host: auto`); nil in states written before hosts had limits.
        public var host: String?
        public var hostURI: String
        public var virtType: String
        public var image: String
        public var imageSHA256: String?
        public var consoleLog: String
    }

    public var lab: String
    public var labFile: String
    /// Every object of this run is named with it: `pl-LAB-XXXXXX`.
    public var prefix: String
    public var status: Status
    public var createdAt: Date
    public var machines: [MachineRecord]
    public var objects: [Object]
}
