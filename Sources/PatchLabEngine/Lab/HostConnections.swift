import Foundation
import Libvirt

/// One open libvirt connection per host URI, opened on first use and shared by everything after.
public actor HostConnections {
    private var open: [String: Connection] = [:]

    public init() {}

    /// The connection to `uri`; an unreachable host becomes `EngineError.hypervisorUnreachable`
    /// with a hint on how to start it.
    public func connection(_ uri: String) async throws -> Connection {
        if let existing = open[uri] { return existing }
        do {
            let connection = try await Connection.open(uri)
            open[uri] = connection
            return connection
        } catch let error as LibvirtError {
            throw EngineError.hypervisorUnreachable(uri: uri, detail: error.message)
        }
    }
}
