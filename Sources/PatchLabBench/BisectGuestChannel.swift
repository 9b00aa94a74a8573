import Foundation
import Libvirt
import PatchLabEngine

/// The guest side for the bisection benchmark on libvirt's test driver, which has no guest agent:
/// a guest where patch `ID` installs with `install-ID` and nginx breaks once the culprit is
/// installed. It keeps which patches each machine has, and forgets them when the machine answers
/// after a boot or a revert to its snapshot, as a real guest reverted to its pre-patch state would.
/// Everything above it (domains, snapshots, reverts, the journal, the rehearsal) is real.
struct BisectGuestChannel: GuestChannel {
    /// What is installed on each machine of the benchmark's lab.
    final class Guests: @unchecked Sendable {
        private let lock = NSLock()
        private var installed: [String: [String]] = [:]
        let culprit: String

        init(culprit: String) { self.culprit = culprit }

        func reset(_ machine: String) { lock.withLock { installed[machine] = [] } }
        func install(_ patch: String, on machine: String) { lock.withLock { installed[machine, default: []].append(patch) } }
        func installed(on machine: String) -> [String] { lock.withLock { installed[machine] ?? [] } }
    }

    let domain: Domain
    let guests: Guests

    static func factory(_ guests: Guests) -> GuestChannelFactory {
        { BisectGuestChannel(domain: $0, guests: guests) }
    }

    /// The lab machine's name: the domain name's last part after the run prefix.
    var machine: String { String(domain.name.split(separator: "-").suffix(2).joined(separator: "-")) }

    func waitUntilReady(timeout: Duration) async throws {
        guard try await domain.isActive() else { throw GuestAgentError.domainNotRunning(domain: domain.name, state: "shut off") }
        guests.reset(machine)
    }

    func exec(_ command: GuestCommand) async throws -> GuestExecResult {
        let script = command.arguments.last ?? command.path
        if script.hasPrefix("install-") {
            guests.install(String(script.dropFirst("install-".count)), on: machine)
            return GuestExecResult(exitCode: 0)
        }
        if script == "check-nginx" { return GuestExecResult(exitCode: guests.installed(on: machine).contains(guests.culprit) ? 3 : 0) }
        if script.contains("PatchLab fingerprint probe") {
            let lines =
                "package nginx-light 1.22.1-9+deb12u9\n" + guests.installed(on: machine).map { "package patch-\($0) 1.0\n" }.joined()
            return GuestExecResult(exitCode: 0, stdout: Data(lines.utf8))
        }
        return GuestExecResult(exitCode: 0, stdout: Data("ok\n".utf8))
    }

    func upload(_ hostPath: String, to guestPath: String) async throws {}
    func download(_ guestPath: String, to hostPath: String) async throws {}
    func osInfo() async throws -> GuestOSInfo {
        GuestOSInfo(id: "debian", name: "Debian GNU/Linux", prettyName: "Debian GNU/Linux 12 (bookworm)", versionID: "12")
    }
    func hostname() async throws -> String { machine }
}
