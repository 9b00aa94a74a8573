internal import CLibvirt
import Dispatch
import Foundation

/// An open connection to one libvirt host (`virConnectPtr`), local or remote.
///
/// Every blocking libvirt call runs on this connection's own dispatch queue, never on Swift's
/// cooperative pool; libvirt connections are thread safe, so the queue is concurrent.
public final class Connection: @unchecked Sendable {
    let handle: OpaquePointer
    /// The URI asked for when opening.
    public let uri: String
    private let queue: DispatchQueue
    let events: EventHub
    let liveness = ConnectionLiveness()

    private init(handle: OpaquePointer, uri: String) {
        self.handle = handle
        self.uri = uri
        self.queue = DispatchQueue(label: "libvirt.\(uri)", attributes: .concurrent)
        self.events = EventHub()
    }

    deinit {
        events.unregister(from: handle)
        liveness.unregister(from: handle)
        virConnectClose(handle)
    }

    /// Opens `uri` (`virConnectOpen`), turns on keepalive, and subscribes to domain events and to
    /// the connection's close (``isLost``). With keepalive a host that stops answering is given up
    /// after about `keepAliveInterval × (keepAliveCount + 1)` seconds instead of TCP's minutes.
    public static func open(_ uri: String, keepAliveInterval: Int32 = 5, keepAliveCount: UInt32 = 3) async throws -> Connection {
        LibvirtRuntime.start()
        let connection = try await runBlocking(on: DispatchQueue.global(), "connection", #function) {
            () throws(LibvirtError) -> Connection in
            let handle = try checked("open \(uri)", virConnectOpen(uri))
            return Connection(handle: handle, uri: uri)
        }
        try await connection.perform { conn throws(LibvirtError) in
            // Remote connections need keepalive to notice a dead daemon; local drivers ignore it.
            if virConnectSetKeepAlive(conn.handle, keepAliveInterval, keepAliveCount) < 0 { virResetLastError() }
            _ = conn.liveness.register(on: conn.handle)
            try conn.events.register(on: conn.handle)
        }
        return connection
    }

    /// Runs a blocking libvirt call on this connection's queue and resumes the caller with its result.
    /// `subject` and `function` name the call on the `OperationTimeline` when it is recording.
    @discardableResult
    func perform<T: Sendable>(
        _ subject: StaticString = "connection", _ function: String = #function,
        _ body: @escaping @Sendable (Connection) throws(LibvirtError) -> T
    ) async throws -> T {
        try await runBlocking(on: queue, subject, function) { () throws(LibvirtError) -> T in try body(self) }
    }

    // MARK: host facts

    /// The hypervisor's version as `major.minor.release` (`virConnectGetVersion`).
    public func hypervisorVersion() async throws -> String {
        try await perform { conn throws(LibvirtError) in
            var version: UInt = 0
            try checked("get hypervisor version", virConnectGetVersion(conn.handle, &version))
            return Connection.format(version)
        }
    }

    /// libvirt's own version on the host side (`virConnectGetLibVersion`).
    public func libvirtVersion() async throws -> String {
        try await perform { conn throws(LibvirtError) in
            var version: UInt = 0
            try checked("get libvirt version", virConnectGetLibVersion(conn.handle, &version))
            return Connection.format(version)
        }
    }

    /// The hypervisor host's name (`virConnectGetHostname`).
    public func hostname() async throws -> String {
        try await perform { conn throws(LibvirtError) in try ownedString("get hostname", virConnectGetHostname(conn.handle)) }
    }

    /// The host capabilities XML (`virConnectGetCapabilities`).
    public func capabilities() async throws -> String {
        try await perform { conn throws(LibvirtError) in try ownedString("get capabilities", virConnectGetCapabilities(conn.handle)) }
    }

    /// The domain capabilities XML for a virtualization type such as `kvm` or `qemu` (`virConnectGetDomainCapabilities`).
    public func domainCapabilities(virtType: String, arch: String = "x86_64") async throws -> String {
        try await perform { conn throws(LibvirtError) in
            try ownedString("get domain capabilities", virConnectGetDomainCapabilities(conn.handle, nil, arch, nil, virtType, 0))
        }
    }

    /// Whether the connection is still alive (`virConnectIsAlive`).
    public func isAlive() async -> Bool {
        (try? await perform { conn throws(LibvirtError) in virConnectIsAlive(conn.handle) == 1 }) ?? false
    }

    static func format(_ version: UInt) -> String {
        "\(version / 1_000_000).\((version / 1000) % 1000).\(version % 1000)"
    }
}

/// Bridges a blocking call on `queue` to async code with a continuation. When the `OperationTimeline`
/// records, the call's interval is taken around the C call itself on the queue's thread, so the hop
/// to and from the queue counts as the harness's time, not libvirt's.
func runBlocking<T: Sendable>(
    on queue: DispatchQueue, _ subject: StaticString, _ function: String,
    _ body: @escaping @Sendable () throws(LibvirtError) -> T
) async throws -> T {
    let recorder = OperationTimeline.shared.recorderForCall()
    return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
        queue.async {
            let start = recorder == nil ? nil : ContinuousClock.now
            let result: Result<T, LibvirtError>
            do throws(LibvirtError) {
                result = .success(try body())
            } catch {
                result = .failure(error)
            }
            if let recorder, let start { recorder.record(subject, function, from: start, to: .now) }
            continuation.resume(with: result)
        }
    }
}
