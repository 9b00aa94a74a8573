import Foundation
import Libvirt
import PatchLabEngine
import PatchLabModel

/// Measures the orchestration at scale: a whole rehearsal (up, baseline plans and fingerprints,
/// snapshot, phased patch, post-patch, revert, post-rollback, down) of N machines over `hosts`
/// hosts, each a libvirt test driver of its own, with the fake guest side (``BenchGuestChannel``).
/// Against it, in the same run, the raw floor: the same libvirt calls and guest commands made
/// straight, with nothing recorded. The figures that matter are the time per machine as N grows
/// (flat means linear), the peak memory, and the most boots in flight per host.
public struct ScaleBenchmark: Sendable {
    public struct Row: Sendable, Codable {
        public var machines: Int
        public var hosts: Int
        public var rawSeconds: Double
        public var patchlabSeconds: Double
        public var ratio: Double { patchlabSeconds / rawSeconds }
        public var patchlabPerMachineMs: Double { patchlabSeconds * 1000 / Double(machines) }
        public var rawPerMachineMs: Double { rawSeconds * 1000 / Double(machines) }
        /// Each host's `max_parallel_boots`.
        public var bootLimit: Int
        /// The most guests booting at once on each host (by its name in the lab), as the guest side saw them.
        public var maxBootsInFlight: [String: Int]
        /// The machines placed on each host by `host: auto`.
        public var machinesPerHost: [String: Int]
        public var verdict: Verdict
        public var phases: [RehearsalResult.Phase]
    }

    public struct Report: Sendable, Codable {
        public var rows: [Row]
        /// This process's peak resident memory (VmHWM) after the largest run.
        public var peakMemoryMiB: Double
        /// Time per machine of the largest N over that of the smallest: 1.0 is perfectly linear.
        public var perMachineGrowth: Double? {
            guard let first = rows.first, let last = rows.last, rows.count > 1 else { return nil }
            return last.patchlabPerMachineMs / first.patchlabPerMachineMs
        }
    }

    public let hosts: Int
    public let bootLimit: Int
    public let bootDelay: Duration

    public init(hosts: Int = 5, bootLimit: Int = 8, bootDelay: Duration = .milliseconds(20)) {
        self.hosts = hosts
        self.bootLimit = bootLimit
        self.bootDelay = bootDelay
    }

    public func run(machineCounts: [Int], progress: @escaping @Sendable (String) -> Void) async throws -> Report {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pl-bench-scale-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        var rows: [Row] = []
        for count in machineCounts {
            progress("N=\(count): raw libvirt calls and guest commands…")
            let raw = try await rawFloor(
                try ScaleScenario(folder: "\(root)/raw\(count)", machines: count, hosts: hosts, bootLimit: bootLimit))
            progress("N=\(count): raw \(String(format: "%.2f", raw)) s; patchlab rehearse…")
            var row = try await rehearse(
                try ScaleScenario(folder: "\(root)/pl\(count)", machines: count, hosts: hosts, bootLimit: bootLimit))
            row.rawSeconds = raw
            rows.append(row)
            progress(
                "N=\(count): patchlab \(String(format: "%.2f", row.patchlabSeconds)) s, \(String(format: "%.1f", row.patchlabPerMachineMs)) ms per machine"
            )
        }
        return Report(rows: rows, peakMemoryMiB: Self.peakMemoryMiB())
    }

    private func rehearse(_ scenario: ScaleScenario) async throws -> Row {
        let tracker = BootTracker()
        let provisioner = LabProvisioner(
            environment: scenario.environment,
            guestChannel: BenchGuestChannel.factory(
                bootDelay: bootDelay, tracker: tracker, digests: [scenario.patchDestination: scenario.patchDigest]))
        let inputs = try RehearsalInputs.load(scenario.changeFile)
        let names = Dictionary(uniqueKeysWithValues: inputs.lab.hosts.map { ($0.uri, $0.name) })
        let placed = HostTally()
        let start = ContinuousClock.now
        let result = try await Rehearsal(provisioner: provisioner, store: try RunStore(environment: scenario.environment)).run(inputs) {
            event in
            if case let .lab(.placed(_, host)) = event { placed.count(host) }
        }
        let seconds = (ContinuousClock.now - start).seconds
        for uri in scenario.hostURIs {
            let left = try await provisioner.connections.connection(uri).allDomains().count
            if left > 0 { throw EngineError.hostCommandFailed(command: "bench scale", status: 1, output: "\(left) domains left on \(uri)") }
        }
        let inFlight = Dictionary(uniqueKeysWithValues: tracker.maxInFlight.map { (names[$0.key] ?? $0.key, $0.value) })
        return Row(
            machines: scenario.machines, hosts: scenario.hostURIs.count, rawSeconds: 0, patchlabSeconds: seconds,
            bootLimit: scenario.bootLimit, maxBootsInFlight: inFlight, machinesPerHost: placed.counts,
            verdict: result.verdict, phases: result.phases)
    }

    /// The same work without PatchLab: the libvirt calls a script would make and the guest commands
    /// the rehearsal runs, machines spread over the hosts as `host: auto` spreads them, boots as
    /// parallel as the same limit allows, snapshot, patch and revert one machine at a time as the
    /// phased rehearsal does; nothing journalled, no state file, no report.
    private func rawFloor(_ scenario: ScaleScenario) async throws -> Double {
        let lab = try Lab.load(contentsOf: scenario.changeFile.replacingOccurrences(of: "change.yaml", with: "lab.yaml"))
        let guest = BenchGuestChannel.factory(
            bootDelay: bootDelay, tracker: BootTracker(),
            digests: [scenario.patchDestination: scenario.patchDigest])
        let start = ContinuousClock.now
        var sites: [(Connection, StoragePool)] = []
        for uri in scenario.hostURIs {
            let connection = try await Connection.open(uri)
            let pool = try await connection.defineStoragePool(
                xml: """
                    <pool type='dir'><name>raw</name><target><path>\(scenario.folder)/pool</path></target></pool>
                    """)
            try await pool.start()
            sites.append((connection, pool))
        }
        let placed = lab.machines.enumerated().map { (machine: $1, site: sites[$0 % sites.count]) }
        let booted = RawDomains()
        for (index, (connection, pool)) in sites.enumerated() {
            _ = connection
            let mine = placed.enumerated().filter { $0.offset % sites.count == index }.map(\.element.machine)
            try await Self.concurrently(mine, limit: bootLimit) { machine in
                let name = "raw-\(machine.name)"
                let volume = try await pool.createVolume(
                    xml: """
                        <volume><name>\(name).qcow2</name><capacity unit='bytes'>\(1 << 30)</capacity><target><format type='qcow2'/></target>
                        <backingStore><path>\(scenario.folder)/home/images/tiny/disk.qcow2</path><format type='qcow2'/></backingStore></volume>
                        """)
                let xml = DomainDefinition(
                    domainName: name, runPrefix: "raw", lab: "raw", machine: machine, virtType: "test",
                    diskPath: volume.path, kernelBoot: nil, networkNames: [], consoleLog: ""
                ).xml
                let domain = try await pool.connection.defineDomain(xml: xml)
                try await domain.start()
                let channel = guest(domain)
                try await channel.waitUntilReady(timeout: .seconds(60))
                _ = try await channel.exec(.shell("hostname \(machine.name)"))
                booted.add(machine.name, domain, volume)
            }
        }
        let domains = booted.all(in: lab.machines.map(\.name))
        let tests: @Sendable (Domain) async throws -> Void = { domain in
            let channel = guest(domain)
            for argv in [["uname", "-s"], ["systemctl", "is-active", "nginx"], ["/bin/sh", "-c", "# PatchLab fingerprint probe"]] {
                _ = try await channel.exec(GuestCommand(path: argv[0], arguments: Array(argv.dropFirst())))
            }
        }
        try await Self.concurrently(domains.map(\.domain), limit: domains.count, tests)
        var snapshots: [DomainSnapshot] = []
        for entry in domains { snapshots.append(try await entry.domain.createSnapshot(name: "raw-pre")) }
        for entry in domains {
            let channel = guest(entry.domain)
            _ = try await channel.exec(GuestCommand(path: "mkdir", arguments: ["-p", "/etc/patchlab-bench"]))
            try await channel.upload(scenario.folder + "/fix.conf", to: scenario.patchDestination)
            _ = try await channel.exec(GuestCommand(path: "sha256sum", arguments: ["--", scenario.patchDestination]))
            _ = try await channel.exec(GuestCommand(path: "systemctl", arguments: ["reload", "nginx"]))
        }
        try await Self.concurrently(domains.map(\.domain), limit: domains.count, tests)
        for snapshot in snapshots {
            try await snapshot.revert(force: true)
            let channel = guest(snapshot.domain)
            try await channel.waitUntilReady(timeout: .seconds(60))
            _ = try await channel.exec(GuestCommand(path: "/bin/date", arguments: ["-u", "-s", "@0"]))
        }
        try await Self.concurrently(domains.map(\.domain), limit: domains.count, tests)
        for snapshot in snapshots { try await snapshot.delete() }
        try await Self.concurrently(domains, limit: 8 * sites.count) { entry in
            try await entry.domain.destroy()
            try await entry.domain.undefine()
            try await entry.volume.delete()
        }
        return (ContinuousClock.now - start).seconds
    }

    /// Runs `body` on every item, at most `limit` at once.
    static func concurrently<T: Sendable>(_ items: [T], limit: Int, _ body: @escaping @Sendable (T) async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var pending = items[...]
            for _ in 0..<max(1, limit) {
                guard let item = pending.popFirst() else { break }
                group.addTask { try await body(item) }
            }
            while try await group.next() != nil {
                if let item = pending.popFirst() { group.addTask { try await body(item) } }
            }
        }
    }

    static func peakMemoryMiB() -> Double {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kib = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kib / 1024
    }
}

/// The raw floor's domains and their disks, gathered from parallel boots.
final class RawDomains: @unchecked Sendable {
    private let lock = NSLock()
    private var byName: [String: (domain: Domain, volume: StorageVolume)] = [:]

    func add(_ name: String, _ domain: Domain, _ volume: StorageVolume) { lock.withLock { byName[name] = (domain, volume) } }

    /// In the order given, so the one-at-a-time steps go in lab order.
    func all(in order: [String]) -> [(domain: Domain, volume: StorageVolume)] {
        lock.withLock { order.compactMap { byName[$0] } }
    }
}

/// Machines counted per host as `host: auto` reports placing them.
final class HostTally: @unchecked Sendable {
    private let lock = NSLock()
    private var tally: [String: Int] = [:]

    var counts: [String: Int] { lock.withLock { tally } }

    func count(_ host: String) { lock.withLock { tally[host, default: 0] += 1 } }
}
