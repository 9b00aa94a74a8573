import Libvirt
import PatchLabModel

/// How much a host can take when `lab up` places machines: its memory budget from libvirt's node
/// figures and the lab's `max_machines` for it.
public struct HostRoom: Sendable, Equatable {
    public var host: LabHost
    /// Bytes free for new machines: `virNodeGetFreeMemory`, or the node's whole memory
    /// (`virNodeGetInfo`) when the driver keeps no free figure.
    public var memoryBytes: UInt64
    /// Which of libvirt's figures `memoryBytes` is, for messages.
    public var memorySource: String

    public init(host: LabHost, memoryBytes: UInt64, memorySource: String) {
        self.host = host
        self.memoryBytes = memoryBytes
        self.memorySource = memorySource
    }

    /// Asks the host for its figures.
    public static func measure(_ host: LabHost, on connection: Connection) async throws -> HostRoom {
        if let free = try await connection.nodeFreeMemory() {
            return HostRoom(host: host, memoryBytes: free, memorySource: "free")
        }
        return HostRoom(host: host, memoryBytes: try await connection.nodeInfo().memoryBytes, memorySource: "in all (no free figure)")
    }
}
