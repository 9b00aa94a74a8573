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
    /// Answers guest commands (argv) for plan-runner tests; nil answers "ok" with status 0.
    var responder: (@Sendable (_ machine: String, _ argv: [String]) async -> GuestExecResult)?
    /// Told when a machine answers after a boot or a revert to a snapshot, so a test's idea of the
    /// guest's state can go back to what the snapshot holds.
    var onReady: (@Sendable (_ machine: String) -> Void)?

    /// Commands run in guests, by domain name, for assertions.
    final class CommandLog: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [(String, [String])] = []
        func append(_ domain: String, _ argv: [String]) { lock.withLock { entries.append((domain, argv)) } }
        func commands(of domain: String) -> [[String]] { lock.withLock { entries.filter { $0.0 == domain }.map(\.1) } }
        /// Every command of the machine named `machine` (domain names end in `-MACHINE`), in order.
        func commands(ofMachine machine: String) -> [[String]] {
            lock.withLock { entries.filter { $0.0.hasSuffix("-" + machine) }.map(\.1) }
        }
    }

    static func factory(
        _ behaviour: @escaping @Sendable (String) -> Behaviour = { _ in .healthy },
        log: CommandLog = CommandLog(),
        responder: (@Sendable (String, [String]) async -> GuestExecResult)? = nil,
        onReady: (@Sendable (String) -> Void)? = nil
    ) -> GuestChannelFactory {
        { domain in FakeGuestChannel(domain: domain, behaviour: behaviour(domain.name), log: log, responder: responder, onReady: onReady) }
    }

    /// The machine's name: the domain name's last part after the run prefix.
    var machine: String { String(domain.name.split(separator: "-").suffix(2).joined(separator: "-")) }

    func waitUntilReady(timeout: Duration) async throws {
        guard try await domain.isActive() else {
            throw GuestAgentError.domainNotRunning(domain: domain.name, state: "shut off")
        }
        if behaviour == .neverAnswers {
            try await Task.sleep(for: min(timeout, .milliseconds(200)))
            throw GuestAgentError.notConnected(domain: domain.name, seconds: Double(timeout.components.seconds))
        }
        onReady?(machine)
    }

    func exec(_ command: GuestCommand) async throws -> GuestExecResult {
        let argv = [command.path] + command.arguments
        log.append(domain.name, argv)
        guard let responder else { return GuestExecResult(exitCode: 0, stdout: Data("ok\n".utf8)) }
        var result = await responder(machine, argv)
        // Like the real agent: a command past its timeout comes back as timed out.
        if result.duration > command.timeout { result = GuestExecResult(exitCode: nil, timedOut: true, duration: command.timeout) }
        // Like the real agent: output routed through guest files lands in the host sink folder.
        if case let .viaGuestFiles(_, sink?) = command.output {
            try result.stdout.write(to: URL(fileURLWithPath: sink + "/stdout"))
            try result.stderr.write(to: URL(fileURLWithPath: sink + "/stderr"))
        }
        return result
    }

    func upload(_ hostPath: String, to guestPath: String) async throws {}
    func download(_ guestPath: String, to hostPath: String) async throws {}
    func osInfo() async throws -> GuestOSInfo {
        GuestOSInfo(id: "debian", name: "Debian GNU/Linux", prettyName: "Debian GNU/Linux 12 (bookworm)", versionID: "12")
    }
    func hostname() async throws -> String { "fake-\(domain.name)" }
}
