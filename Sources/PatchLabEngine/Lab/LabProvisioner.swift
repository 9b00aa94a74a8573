import Foundation
import Libvirt
import PatchLabModel

/// Brings labs up and down: linked-clone disks, domains, isolated networks, all named with the lab
/// run's prefix and recorded in the lab's state file before they are created.
public struct LabProvisioner: Sendable {
    /// Where the PatchLab pool lives on a remote host that has none yet: this machine's
    /// `PATCHLAB_HOME` means nothing there.
    public static let remotePoolDirectory = "/var/lib/patchlab/pool"

    public let environment: EngineEnvironment
    public let connections: HostConnections
    public let accelerators: AcceleratorResolver
    public let guestChannel: GuestChannelFactory
    /// One gate per host URI, shared by every `up` of this provisioner.
    let bootGates = BootGates()

    public init(
        environment: EngineEnvironment, connections: HostConnections = HostConnections(),
        guestChannel: @escaping GuestChannelFactory = AgentGuestChannel.factory
    ) {
        self.environment = environment
        self.connections = connections
        self.accelerators = AcceleratorResolver(environment: environment)
        self.guestChannel = guestChannel
    }

    /// The lab's current state file, if it is up (or half up).
    public func state(of lab: String) throws -> LabState? {
        try LabStateStore.load(lab: lab, environment: environment)
    }

    /// The most machines that were booting at once on each host (by URI) since this provisioner was made.
    public func maxParallelBoots() async -> [String: Int] {
        await bootGates.maxInFlight()
    }

    static func newPrefix(lab: String) -> String {
        "pl-\(lab)-\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(6).lowercased())"
    }

    /// Makes sure the storage pool for lab disks exists and runs on this host; it is shared by all
    /// labs and never removed. On a remote host libvirt builds its directory (`virStoragePoolBuild`):
    /// this machine cannot.
    package func ensurePool(on connection: Connection) async throws -> StoragePool {
        let pool: StoragePool
        do {
            pool = try await connection.storagePool(named: environment.poolName)
        } catch let error as LibvirtError where error.code == .noStoragePool {
            let remote = LabHost.isRemote(uri: connection.uri)
            let directory = remote ? Self.remotePoolDirectory : environment.poolDirectory
            if !remote { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
            pool = try await connection.defineStoragePool(
                xml: """
                    <pool type='dir'><name>\(XMLText.escape(environment.poolName))</name>
                    <target><path>\(XMLText.escape(directory))</path></target></pool>
                    """)
            if remote { try await pool.build() }
            try? await pool.setAutostart(true)
        }
        if try await !pool.isActive() { try await pool.start() }
        return pool
    }
}

/// The boot gates of every host, made on first use with the host's `max_parallel_boots`.
actor BootGates {

    private var gates: [String: (uri: String, gate: BootGate)] = [:]

    /// Labs that name the same host with different limits each keep their own.
    func gate(for host: LabHost) -> BootGate {
        let key = "\(host.uri) \(host.maxParallelBoots.map(String.init) ?? "all")"
        if let entry = gates[key] { return entry.gate }
        let gate = BootGate(limit: host.maxParallelBoots)
        gates[key] = (host.uri, gate)
        return gate
    }

    func maxInFlight() async -> [String: Int] {
        var result: [String: Int] = [:]
        for (uri, gate) in gates.values { result[uri] = max(result[uri] ?? 0, await gate.maxInFlight) }
        return result
    }
}
