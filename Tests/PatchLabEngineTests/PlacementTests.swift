import Foundation
import Libvirt
import PatchLabModel
import Testing
@testable import PatchLabEngine

/// Machines placed on several hosts: each host a libvirt test driver of its own (`test:///FILE`,
/// memory as the file says), the guest side faked. `host: auto` goes by libvirt's memory figures
/// within `max_machines`; `max_parallel_boots` bounds the boots in flight per host; a lab that does
/// not fit is refused at its file:line and creates nothing.
@Suite struct PlacementTests {
    /// A temporary home with the `tiny` image, and one test-driver host file per entry (GiB of memory).
    struct Hosts {
        let lab: TestLab
        let uris: [String]

        init(memoryGiB: [Int]) throws {
            let lab = try TestLab()
            self.lab = lab
            uris = try memoryGiB.enumerated().map { index, gib in
                let path = "\(lab.home)/host\(index + 1).xml"
                try """
                <node>
                  <cpu><nodes>1</nodes><sockets>1</sockets><cores>8</cores><threads>1</threads><active>8</active><mhz>2000</mhz><model>x86_64</model></cpu>
                  <memory>\(gib << 20)</memory>
                </node>
                """.write(toFile: path, atomically: true, encoding: .utf8)
                return "test://\(path)"
            }
        }

        /// A lab of `machines` (name, host, memory) on these hosts; `limits` is each host's extra keys.
        func yaml(limits: [String], machines: [(String, String, String)]) -> String {
            var text = "lab: \(lab.name)\ndescription: placement test\nhosts:\n"
            for (index, uri) in uris.enumerated() {
                text += "  h\(index + 1):\n    uri: \(uri)\n" + (limits[index].isEmpty ? "" : "    \(limits[index])\n")
            }
            text += "machines:\n"
            for (name, host, memory) in machines {
                text +=
                    "  - {name: \(name), role: web, mirrors: prod-\(name), image: tiny, criticality: low, host: \(host), memory: \(memory)}\n"
            }
            return text
        }
    }

    @Test func autoGoesToTheHostWithTheMostMemoryLeftWithinItsLimit() async throws {
        let hosts = try Hosts(memoryGiB: [2, 8, 4])
        defer { hosts.lab.cleanUp() }
        let lab = try hosts.lab.lab(
            hosts.yaml(
                limits: ["", "max_machines: 2", ""],
                machines: [
                    ("m1", "auto", "1 GiB"), ("m2", "auto", "1 GiB"), ("m3", "auto", "1 GiB"), ("m4", "auto", "1 GiB"),
                    ("m5", "h1", "1 GiB"),
                ]))
        let events = EventsCollector()
        let provisioner = LabProvisioner(environment: hosts.lab.environment, guestChannel: FakeGuestChannel.factory())
        let state = try await provisioner.up(lab, progress: events.record)
        // h1 2 GiB (m5 pinned there: 1 left), h2 8 GiB (at most 2), h3 4 GiB:
        // m1 → h2 (8), m2 → h2 (7 vs 4), m3 → h3 (h2 full), m4 → h3 (3 left vs h1's 1).
        let placed = Dictionary(uniqueKeysWithValues: state.machines.map { ($0.name, $0.host ?? "?") })
        #expect(placed == ["m1": "h2", "m2": "h2", "m3": "h3", "m4": "h3", "m5": "h1"])
        for record in state.machines {
            let host = try #require(lab.host(named: record.host ?? ""))
            #expect(record.hostURI == host.uri)
            let connection = try await provisioner.connections.connection(host.uri)
            #expect(try await connection.domainIfPresent(named: record.domain)?.isActive() == true, "\(record.name) runs on \(host.name)")
        }
        #expect(events.placements == ["m1": "h2", "m2": "h2", "m3": "h3", "m4": "h3"])
        let status = try await LabInspector(provisioner: provisioner).status(of: lab)
        #expect(status.map(\.host) == ["h2", "h2", "h3", "h3", "h1"], "status shows where auto put them")
        try await provisioner.down(labNamed: lab.name)
        for uri in hosts.uris {
            let connection = try await provisioner.connections.connection(uri)
            #expect(try await connection.allDomains().filter { $0.name.hasPrefix(state.prefix) }.isEmpty)
        }
    }

    @Test func aLabThatDoesNotFitTheHostsMemoryIsRefusedAtItsLineAndCreatesNothing() async throws {
        let hosts = try Hosts(memoryGiB: [1, 2])
        defer { hosts.lab.cleanUp() }
        let lab = try hosts.lab.lab(
            hosts.yaml(
                limits: ["", ""],
                machines: [
                    ("m1", "auto", "2 GiB"), ("m2", "auto", "2 GiB"), ("m3", "auto", "512 MiB"),
                ]))
        let provisioner = LabProvisioner(environment: hosts.lab.environment, guestChannel: FakeGuestChannel.factory())
        do {
            try await provisioner.up(lab)
            Issue.record("3 machines of 4.5 GiB cannot fit 3 GiB")
        } catch let error as ModelError {
            // m1 takes h2 whole; m2 fits nowhere; m3 fits h1.
            #expect(error.diagnostics.count == 1, "\(error)")
            let problem = try #require(error.diagnostics.first)
            #expect(problem.location == lab.machines[1].locations.host)
            #expect(problem.location.line == 10, "\(problem)")
            #expect(problem.message.contains("no host has room for machine 'm2' (2 GiB)"), "\(problem.message)")
            #expect(problem.message.contains("h1 has 1 GiB left") && problem.message.contains("h2 has 0 MiB left"), "\(problem.message)")
        }
        #expect(try provisioner.state(of: lab.name) == nil)
        for uri in hosts.uris {
            #expect(try await provisioner.connections.connection(uri).allDomains().isEmpty, "nothing was created on \(uri)")
        }
    }

    @Test func noMoreMachinesBootAtOnceOnAHostThanItsLimit() async throws {
        let hosts = try Hosts(memoryGiB: [64, 64])
        defer { hosts.lab.cleanUp() }
        let machines = (1...12).map { ("m\($0)", $0 <= 8 ? "h1" : "h2", "512 MiB") }
        let lab = try hosts.lab.lab(hosts.yaml(limits: ["max_parallel_boots: 3", ""], machines: machines))
        let booting = BootCounter()
        let provisioner = LabProvisioner(
            environment: hosts.lab.environment,
            guestChannel: { domain in
                SlowBootChannel(inner: FakeGuestChannel(domain: domain, behaviour: .healthy, log: .init()), counter: booting)
            })
        try await provisioner.up(lab)
        let (h1, h2) = (hosts.uris[0], hosts.uris[1])
        #expect(booting.most[h1] == 3, "h1's 8 machines boot at most 3 at a time: \(booting.most)")
        #expect((booting.most[h2] ?? 0) == 4, "h2 has no limit: its 4 machines boot together: \(booting.most)")
        #expect(await provisioner.maxParallelBoots()[h1] == 3, "the provisioner's own record agrees")
        try await provisioner.down(labNamed: lab.name)
    }
}

/// Counts the guests waiting to come up, per host, and keeps the most at once.
final class BootCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var now: [String: Int] = [:]
    private(set) var most: [String: Int] = [:]

    func enter(_ host: String) {
        lock.withLock {
            now[host, default: 0] += 1
            most[host] = max(most[host] ?? 0, now[host]!)
        }
    }

    func leave(_ host: String) { lock.withLock { now[host, default: 0] -= 1 } }
}

/// A guest that takes 50 ms to answer after its start, so boots overlap.
struct SlowBootChannel: GuestChannel {
    let inner: FakeGuestChannel
    let counter: BootCounter

    func waitUntilReady(timeout: Duration) async throws {
        let host = inner.domain.connection.uri
        counter.enter(host)
        defer { counter.leave(host) }
        try await Task.sleep(for: .milliseconds(50))
        try await inner.waitUntilReady(timeout: timeout)
    }

    func exec(_ command: GuestCommand) async throws -> GuestExecResult { try await inner.exec(command) }
    func upload(_ hostPath: String, to guestPath: String) async throws {}
    func download(_ guestPath: String, to hostPath: String) async throws {}
    func osInfo() async throws -> GuestOSInfo { try await inner.osInfo() }
    func hostname() async throws -> String { try await inner.hostname() }
}
