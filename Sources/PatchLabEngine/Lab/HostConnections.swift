import Foundation
import Libvirt

/// One open libvirt connection per host URI, opened on first use and shared by everything after.
///
/// Connections keep libvirt's keepalive at 2 s × 3: a host that stops answering is given up after
/// about 8 s (instead of TCP's minutes), and from then on every use of it is ``EngineError/hostLost(uri:reason:)``.
/// A lost host is never opened again by the same process: a hung daemon may accept a new
/// connection and never answer it. `patchlab recover`, a new process, connects afresh.
public actor HostConnections {
    public static let keepAliveInterval: Int32 = 2
    public static let keepAliveCount: UInt32 = 3

    private var open: [String: Task<Connection, any Error>] = [:]

    public init() {}

    /// The connection to `uri`; an unreachable host becomes `EngineError.hypervisorUnreachable`
    /// with a hint on how to start it, a lost one `EngineError.hostLost`.
    public func connection(_ uri: String) async throws -> Connection {
        let task: Task<Connection, any Error>
        if let existing = open[uri] {
            task = existing
        } else {
            // Shared by concurrent callers, so a host is opened once however many machines ask at once.
            task = Task {
                do {
                    return try await Connection.open(uri, keepAliveInterval: Self.keepAliveInterval, keepAliveCount: Self.keepAliveCount)
                } catch let error as LibvirtError {
                    throw EngineError.hypervisorUnreachable(uri: uri, detail: error.message)
                }
            }
            open[uri] = task
        }
        do {
            let connection = try await task.value
            if let reason = connection.closeReason { throw EngineError.hostLost(uri: uri, reason: "\(reason)") }
            return connection
        } catch let error as EngineError {
            if case .hypervisorUnreachable = error { open[uri] = nil }
            throw error
        }
    }

    /// The hosts among `uris` whose connection was lost, with why; hosts never opened are not lost.
    public func lost(among uris: some Sequence<String>) async -> [String: Connection.CloseReason] {
        var lost: [String: Connection.CloseReason] = [:]
        for uri in uris {
            guard let task = open[uri], let connection = try? await task.value, let reason = connection.closeReason else { continue }
            lost[uri] = reason
        }
        return lost
    }
}
