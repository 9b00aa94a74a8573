internal import CLibvirt
import Foundation

/// Whether a connection's host still answers, as libvirt tells through its close callback
/// (`virConnectRegisterCloseCallback`): the socket reached its end (the daemon died), an I/O error,
/// or keepalive gave up on a host that stopped answering. Set on the event-loop thread, read anywhere.
final class ConnectionLiveness: @unchecked Sendable {
    private let lock = NSLock()
    private var reason: Connection.CloseReason?

    var closeReason: Connection.CloseReason? { lock.withLock { reason } }

    func closed(_ why: Connection.CloseReason) {
        lock.withLock { if reason == nil { reason = why } }
    }

    /// Registers on `handle`; false when the driver has no close callback (the in-process test driver,
    /// which cannot lose its host).
    func register(on handle: OpaquePointer) -> Bool {
        let opaque = Unmanaged.passRetained(self).toOpaque()
        guard
            virConnectRegisterCloseCallback(
                handle, connectionClosed, opaque,
                { opaque in
                    if let opaque { Unmanaged<ConnectionLiveness>.fromOpaque(opaque).release() }
                }) == 0
        else {
            Unmanaged<ConnectionLiveness>.fromOpaque(opaque).release()
            virResetLastError()
            return false
        }
        return true
    }

    func unregister(from handle: OpaquePointer) {
        if virConnectUnregisterCloseCallback(handle, connectionClosed) < 0 { virResetLastError() }
    }
}

/// One C function for every connection, so unregistering can name the same pointer.
private let connectionClosed: virConnectCloseFunc = { _, reason, opaque in
    guard let opaque else { return }
    let liveness = Unmanaged<ConnectionLiveness>.fromOpaque(opaque).takeUnretainedValue()
    liveness.closed(Connection.CloseReason(rawValue: reason) ?? .error)
}

extension Connection {
    /// Why libvirt closed a connection (`virConnectCloseReason`).
    public enum CloseReason: Int32, Sendable, CustomStringConvertible {
        case error = 0
        case endOfFile = 1
        case keepalive = 2
        case client = 3

        public var description: String {
            switch self {
            case .error: return "an I/O error on the connection"
            case .endOfFile: return "the daemon closed the connection"
            case .keepalive: return "no keepalive answer"
            case .client: return "closed by this process"
            }
        }
    }

    /// Why the connection to the host was lost; nil while it is up (or the driver cannot lose it).
    public var closeReason: CloseReason? { liveness.closeReason }

    /// True once the host has stopped answering: every later call on this connection fails at once.
    public var isLost: Bool { closeReason != nil }
}
