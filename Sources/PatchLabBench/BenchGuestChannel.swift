import Foundation
import Libvirt
import PatchLabEngine

/// The guest side of the scale benchmark, on libvirt's test driver (which has no guest agent): a
/// healthy Debian guest that takes `bootDelay` to answer after its first start (a revert resumes a
/// running guest, which answers at once), runs every command at once
/// and successfully, finds the patch's files with the digests the change names, and reports a fixed
/// fingerprint. It counts the guests booting at once on each host (``BootTracker``): an account of
/// `max_parallel_boots` independent of PatchLab's own.
public struct BenchGuestChannel: GuestChannel {
    let domain: Domain
    let bootDelay: Duration
    let tracker: BootTracker
    /// What `sha256sum FILE` prints for each patch destination.
    let digests: [String: String]

    static let fingerprint = "package nginx-light 1.22.1-9+deb12u9\nport tcp 80\nservice nginx.service active enabled\n"

    public static func factory(bootDelay: Duration, tracker: BootTracker, digests: [String: String]) -> GuestChannelFactory {
        { BenchGuestChannel(domain: $0, bootDelay: bootDelay, tracker: tracker, digests: digests) }
    }

    public func waitUntilReady(timeout: Duration) async throws {
        if tracker.firstBoot(of: domain.uuid) {
            let host = domain.connection.uri
            tracker.enter(host)
            defer { tracker.leave(host) }
            try await Task.sleep(for: bootDelay)
        }
        guard try await domain.isActive() else { throw GuestAgentError.domainNotRunning(domain: domain.name, state: "shut off") }
    }

    public func exec(_ command: GuestCommand) async throws -> GuestExecResult {
        let argv = [command.path] + command.arguments
        var output = "ok\n"
        if argv.first == "sha256sum", let file = argv.last, let digest = digests[file] {
            output = "\(digest)  \(file)\n"
        } else if argv.first == "/bin/sh", argv.last?.contains("PatchLab fingerprint probe") == true {
            output = Self.fingerprint
        }
        let result = GuestExecResult(exitCode: 0, stdout: Data(output.utf8))
        // As the agent does: output routed through guest files lands in the host folder asked for.
        if case let .viaGuestFiles(_, sink?) = command.output {
            try result.stdout.write(to: URL(fileURLWithPath: sink + "/stdout"))
            try Data().write(to: URL(fileURLWithPath: sink + "/stderr"))
        }
        return result
    }

    public func upload(_ hostPath: String, to guestPath: String) async throws {}
    public func download(_ guestPath: String, to hostPath: String) async throws {}
    public func osInfo() async throws -> GuestOSInfo {
        GuestOSInfo(id: "debian", name: "Debian GNU/Linux", prettyName: "Debian GNU/Linux 12 (bookworm)", versionID: "12")
    }
    public func hostname() async throws -> String { domain.name }
}

/// Guests booting at once per host (by URI), and the most there ever were.
public final class BootTracker: @unchecked Sendable {
    private let lock = NSLock()
    private var now: [String: Int] = [:]
    private var most: [String: Int] = [:]
    private var booted: Set<String> = []

    public init() {}

    /// True the first time a domain asks: it is booting, not resuming.
    func firstBoot(of domain: String) -> Bool { lock.withLock { booted.insert(domain).inserted } }

    /// The most guests that were booting at once on each host.
    public var maxInFlight: [String: Int] { lock.withLock { most } }

    func enter(_ host: String) {
        lock.withLock {
            now[host, default: 0] += 1
            most[host] = max(most[host] ?? 0, now[host]!)
        }
    }

    func leave(_ host: String) { lock.withLock { now[host, default: 0] -= 1 } }
}
