import Foundation
import Libvirt

/// How the engine talks to the inside of one machine. The real one is the QEMU guest agent; tests on
/// libvirt's test driver (which has no guest side) plug in a fake.
public protocol GuestChannel: Sendable {
    /// Returns once the guest answers; throws if it does not within `timeout` or the machine stops.
    func waitUntilReady(timeout: Duration) async throws
    func exec(_ command: GuestCommand) async throws -> GuestExecResult
    func upload(_ hostPath: String, to guestPath: String) async throws
    func download(_ guestPath: String, to hostPath: String) async throws
    func osInfo() async throws -> GuestOSInfo
    func hostname() async throws -> String
}

/// Makes the guest channel for a domain; the engine holds one so tests can swap the guest side.
public typealias GuestChannelFactory = @Sendable (Domain) -> any GuestChannel

/// The real guest side: the QEMU guest agent through libvirt.
public struct AgentGuestChannel: GuestChannel {
    public let agent: GuestAgent

    public init(domain: Domain) { self.agent = GuestAgent(domain: domain) }

    public static let factory: GuestChannelFactory = { AgentGuestChannel(domain: $0) }

    public func waitUntilReady(timeout: Duration) async throws { try await agent.waitUntilConnected(timeout: timeout) }
    public func exec(_ command: GuestCommand) async throws -> GuestExecResult { try await agent.exec(command) }
    public func upload(_ hostPath: String, to guestPath: String) async throws { try await agent.upload(hostPath, to: guestPath) }
    public func download(_ guestPath: String, to hostPath: String) async throws { try await agent.download(guestPath, to: hostPath) }
    public func osInfo() async throws -> GuestOSInfo { try await agent.osInfo() }
    public func hostname() async throws -> String { try await agent.hostname() }
}
