import Foundation
import Libvirt
import PatchLabModel

/// Brings labs up and down: linked-clone disks, domains, isolated networks, all named with the lab
/// run's prefix and recorded in the lab's state file before they are created.
public struct LabProvisioner: Sendable {
    public let environment: EngineEnvironment
    public let connections: HostConnections
    public let accelerators: AcceleratorResolver
    public let guestChannel: GuestChannelFactory

    public init(environment: EngineEnvironment, connections: HostConnections = HostConnections(),
                guestChannel: @escaping GuestChannelFactory = AgentGuestChannel.factory) {
        self.environment = environment
        self.connections = connections
        self.accelerators = AcceleratorResolver(environment: environment)
        self.guestChannel = guestChannel
    }

    /// The lab's current state file, if it is up (or half up).
    public func state(of lab: String) throws -> LabState? {
        try LabStateStore.load(lab: lab, environment: environment)
    }

    static func newPrefix(lab: String) -> String {
        "pl-\(lab)-\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(6).lowercased())"
    }

    /// Makes sure the storage pool for lab disks exists and runs on this host; it is shared by all
    /// labs and never removed.
    package func ensurePool(on connection: Connection) async throws -> StoragePool {
        let pool: StoragePool
        do {
            pool = try await connection.storagePool(named: environment.poolName)
        } catch let error as LibvirtError where error.code == .noStoragePool {
            try FileManager.default.createDirectory(atPath: environment.poolDirectory, withIntermediateDirectories: true)
            pool = try await connection.defineStoragePool(xml: """
                <pool type='dir'><name>\(XMLText.escape(environment.poolName))</name>
                <target><path>\(XMLText.escape(environment.poolDirectory))</path></target></pool>
                """)
            try? await pool.setAutostart(true)
        }
        if try await !pool.isActive() { try await pool.start() }
        return pool
    }
}
