import Foundation
import Libvirt
@testable import PatchLabEngine

/// The guest side for libvirt's test driver, which has no guest agent: answers like a healthy
/// Debian guest, or never answers when told so. Everything above it — libvirt objects, state file,
/// clean-up — is real.
struct FakeGuestChannel: GuestChannel {
    enum Behaviour: Sendable { case healthy, neverAnswers }

    let domain: Domain
    let behaviour: Behaviour
    let log: CommandLog

    /// Commands run in guests, by domain name, for assertions.
    final class CommandLog: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [(String, [String])] = []
        func append(_ domain: String, _ argv: [String]) { lock.withLock { entries.append((domain, argv)) } }
        func commands(of domain: String) -> [[String]] { lock.withLock { entries.filter { $0.0 == domain }.map(\.1) } }
    }

    static func factory(_ behaviour: @escaping @Sendable (String) -> Behaviour = { _ in .healthy },
                        log: CommandLog = CommandLog()) -> GuestChannelFactory {
        { domain in FakeGuestChannel(domain: domain, behaviour: behaviour(domain.name), log: log) }
    }

    func waitUntilReady(timeout: Duration) async throws {
        guard try await domain.isActive() else {
            throw GuestAgentError.domainNotRunning(domain: domain.name, state: "shut off")
        }
        if behaviour == .neverAnswers {
            try await Task.sleep(for: min(timeout, .milliseconds(200)))
            throw GuestAgentError.notConnected(domain: domain.name, seconds: Double(timeout.components.seconds))
        }
    }

    func exec(_ command: GuestCommand) async throws -> GuestExecResult {
        log.append(domain.name, [command.path] + command.arguments)
        return GuestExecResult(exitCode: 0, stdout: Data("ok\n".utf8))
    }

    func upload(_ hostPath: String, to guestPath: String) async throws {}
    func download(_ guestPath: String, to hostPath: String) async throws {}
    func osInfo() async throws -> GuestOSInfo {
        GuestOSInfo(id: "debian", name: "Debian GNU/Linux", prettyName: "Debian GNU/Linux 12 (bookworm)", versionID: "12")
    }
    func hostname() async throws -> String { "fake-\(domain.name)" }
}
