internal import CLibvirt
import Foundation

/// The QEMU guest agent of one domain, spoken to through `virDomainQemuAgentCommand`.
///
/// `guest-exec` has no timeout and no kill, and its output only arrives when the process exits,
/// so this type enforces timeouts itself and can route big output through guest files.
public struct GuestAgent: Sendable {
    public let domain: Domain

    /// The largest chunk read per `guest-file-read`: base64 of it stays far below libvirt's 4 MiB message cap.
    public static let readChunkSize = 1 << 20

    /// The largest chunk written per `guest-file-write`. Measured on Debian 12 (QEMU 7.2, qemu-ga 7.2,
    /// TCG): a command of 160 KiB of data answers in milliseconds, one of 192 KiB or more never does and
    /// leaves the agent unavailable; 128 KiB keeps a margin at ~1.5 MB/s.
    public static let writeChunkSize = 128 << 10

    public init(domain: Domain) { self.domain = domain }

    /// Sends one raw JSON command and returns the raw JSON reply (`virDomainQemuAgentCommand`).
    public func command(_ json: String, timeoutSeconds: Int32 = 30) async throws -> String {
        try await send(json, execute: "command", timeoutSeconds: timeoutSeconds)
    }

    /// `execute` names the agent command on the `OperationTimeline`.
    private func send(_ json: String, execute: String, timeoutSeconds: Int32) async throws -> String {
        try await domain.perform("agent", execute) { dom throws(LibvirtError) in
            try ownedString("guest agent command", virDomainQemuAgentCommand(dom, json, timeoutSeconds, 0))
        }
    }

    func call<T: Decodable>(
        _ execute: String, _ arguments: [String: Any]? = nil, as type: T.Type,
        timeoutSeconds: Int32 = 30
    ) async throws -> T {
        let reply = try await send(AgentJSON.request(execute, arguments), execute: execute, timeoutSeconds: timeoutSeconds)
        return try AgentJSON.decode(type, command: execute, reply: reply)
    }

    /// `guest-ping`: succeeds when the agent answers.
    public func ping(timeoutSeconds: Int32 = 5) async throws {
        _ = try await send(AgentJSON.request("guest-ping"), execute: "guest-ping", timeoutSeconds: timeoutSeconds)
    }

    /// Waits until the agent answers a ping. Wakes on the agent-lifecycle CONNECTED event instead of
    /// sleeping, with a slow poll as a safety net; gives up early if the domain stops. One operation on
    /// the `OperationTimeline`: the guest booting or resuming is not the harness's time.
    public func waitUntilConnected(timeout: Duration) async throws {
        try await OperationTimeline.shared.operation("agent", "wait until connected") {
            try await pingUntilConnected(timeout: timeout)
        }
    }

    private func pingUntilConnected(timeout: Duration) async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let wakeup = Wakeup()
        let uuid = domain.uuid
        let events = domain.connection.domainEvents()
        let watcher = Task {
            for await event in events where event.domainUUID == uuid {
                if case .agent(connected: true) = event.kind { wakeup.signal() }
                if event.meansDomainStopped { wakeup.signal() }
            }
        }
        defer { watcher.cancel() }
        var pause = Duration.milliseconds(250)
        while true {
            do {
                try await ping(timeoutSeconds: 2)
                return
            } catch let error as LibvirtError
                where error.code == .agentUnresponsive || error.code == .agentUnsynced
                || error.code == .operationTimeout || error.code == .operationInvalid
            {
                let (state, _) = try await domain.state()
                if state != .running && state != .paused && state != .blocked {
                    throw GuestAgentError.domainNotRunning(domain: domain.name, state: state.description)
                }
            }
            let elapsed = clock.now - start
            if elapsed >= timeout {
                throw GuestAgentError.notConnected(domain: domain.name, seconds: Double(timeout.components.seconds))
            }
            await wakeup.wait(timeout: min(pause, timeout - elapsed))
            pause = min(pause * 2, .seconds(2))
        }
    }

    // MARK: facts

    /// `guest-get-osinfo`.
    public func osInfo() async throws -> GuestOSInfo {
        try await call("guest-get-osinfo", as: GuestOSInfo.self)
    }

    private struct HostName: Decodable {
        let hostName: String
        enum CodingKeys: String, CodingKey { case hostName = "host-name" }
    }

    /// `guest-get-host-name`.
    public func hostname() async throws -> String {
        try await call("guest-get-host-name", as: HostName.self).hostName
    }

    /// `guest-fsfreeze-freeze`: the number of filesystems frozen.
    @discardableResult
    public func freezeFilesystems() async throws -> Int {
        try await call("guest-fsfreeze-freeze", as: Int.self)
    }

    /// `guest-fsfreeze-thaw`: the number of filesystems thawed.
    @discardableResult
    public func thawFilesystems() async throws -> Int {
        try await call("guest-fsfreeze-thaw", as: Int.self)
    }
}
