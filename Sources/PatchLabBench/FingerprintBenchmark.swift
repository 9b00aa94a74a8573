import Foundation
import Libvirt
import PatchLabModel
import PatchLabEngine

/// Measures a fingerprint on a real guest against the raw cost of reading the same facts in the
/// same run: the floor is one guest command that reads `/var/lib/dpkg/status`, makes one
/// `systemctl` call (the unit files of every service, the one call that names them all), reads the
/// socket tables and hashes the watched files with one `find … -exec sha256sum {} +`, its output
/// routed through guest files like the probe's. The fingerprint is ``FingerprintCollector``'s whole
/// job: the probe, reading its output back and parsing it. Alternating rounds, each side's median.
///
/// Each fact class is also timed alone (the probe with one section on, and the floor's matching
/// read), which is where the time goes.
public struct FingerprintBenchmark: Sendable {
    public struct Figures: Sendable, Codable {
        public var rounds: Int
        public var floorSeconds: Double
        public var fingerprintSeconds: Double
        public var ratio: Double { fingerprintSeconds / floorSeconds }
        /// What the fingerprint held: packages, services, ports, files.
        public var facts: [String: Int]
        public var sections: [Section]
    }

    /// One fact class: the probe with only that section against the floor's read of the same source.
    public struct Section: Sendable, Codable {
        public var name: String
        public var floorSeconds: Double
        public var probeSeconds: Double
    }

    public let provisioner: LabProvisioner
    public let image: String
    public let spec: FingerprintSpec

    public init(provisioner: LabProvisioner, image: String = "debian-12", spec: FingerprintSpec = FingerprintSpec()) {
        self.provisioner = provisioner
        self.image = image
        self.spec = spec
    }

    public func run(rounds: Int = 5, progress: @escaping @Sendable (String) -> Void) async throws -> Figures {
        let lab = try LabBenchmark(provisioner: provisioner, image: image).benchLab(machines: 1)
        progress("bringing up one machine…")
        try await provisioner.up(lab)
        do {
            let channel = try await LabInspector(provisioner: provisioner).channel(lab: lab, machine: "m1")
            // systemd is still starting services when the agent first answers; its figures would swing.
            _ = try await channel.exec(.shell("systemctl is-system-running --wait >/dev/null 2>&1; true"))
            let figures = try await measure(channel, rounds: rounds, progress: progress)
            try await provisioner.down(labNamed: lab.name)
            return figures
        } catch {
            _ = try? await provisioner.down(labNamed: lab.name)
            throw error
        }
    }

    /// Times the fingerprint against the floor on a guest that is up, in alternating rounds.
    public func measure(_ channel: any GuestChannel, rounds: Int, progress: @escaping @Sendable (String) -> Void) async throws -> Figures {
        let collector = FingerprintCollector(spec: spec)
        let floor = Self.floorScript(spec)
        // Both paths once before measuring: the guest's page cache then holds what both read.
        var fingerprint = try await collector.take(machine: "m1", phase: nil, channel: channel)
        _ = try await run(floor, on: channel)
        var floorRounds: [Double] = [], probeRounds: [Double] = []
        for round in 1...rounds {
            progress("round \(round) of \(rounds): floor, then fingerprint…")
            floorRounds.append(try await run(floor, on: channel))
            let start = ContinuousClock.now
            fingerprint = try await collector.take(machine: "m1", phase: nil, channel: channel)
            probeRounds.append((ContinuousClock.now - start).seconds)
        }
        progress("each fact class alone…")
        var sections: [Section] = []
        for (name, alone, read) in sectionPairs() {
            var floorTimes: [Double] = [], probeTimes: [Double] = []
            for _ in 1...max(1, rounds / 2 + 1) {
                floorTimes.append(try await run(read, on: channel))
                let start = ContinuousClock.now
                _ = try await FingerprintCollector(spec: alone).take(machine: "m1", phase: nil, channel: channel)
                probeTimes.append((ContinuousClock.now - start).seconds)
            }
            sections.append(Section(name: name, floorSeconds: Self.median(floorTimes), probeSeconds: Self.median(probeTimes)))
        }
        let facts = [
            "packages": fingerprint.packages.count, "services": fingerprint.services.count,
            "ports": fingerprint.ports.count, "files": fingerprint.files.count,
        ]
        return Figures(
            rounds: rounds, floorSeconds: Self.median(floorRounds), fingerprintSeconds: Self.median(probeRounds),
            facts: facts, sections: sections)
    }

    /// The floor as one shell command: every source read once, nothing formatted.
    static func floorScript(_ spec: FingerprintSpec) -> String {
        [packagesRead, servicesRead, portsRead, filesRead(spec)].joined(separator: "; ")
    }

    static let packagesRead = "cat /var/lib/dpkg/status"
    static let servicesRead = "systemctl list-unit-files --no-legend --no-pager '*.service'"
    static let portsRead = "cat /proc/net/tcp /proc/net/tcp6 /proc/net/udp /proc/net/udp6"
    static func filesRead(_ spec: FingerprintSpec) -> String {
        "find -H " + spec.watch.map { "'\($0)'" }.joined(separator: " ") + " -xdev -type f -exec sha256sum -- {} +"
    }

    private func sectionPairs() -> [(String, FingerprintSpec, String)] {
        let none = FingerprintSpec(packages: false, services: false, ports: false, watch: [], ignore: [])
        var packages = none, services = none, ports = none, files = none
        packages.packages = true
        services.services = true
        ports.ports = true
        files.watch = spec.watch
        files.ignore = spec.ignore
        return [
            ("packages", packages, Self.packagesRead), ("services", services, Self.servicesRead),
            ("ports", ports, Self.portsRead), ("files", files, Self.filesRead(spec)),
        ]
    }

    /// Seconds for one guest command whose output is routed through guest files, as the probe's is.
    private func run(_ script: String, on channel: any GuestChannel) async throws -> Double {
        let start = ContinuousClock.now
        let result = try await channel.exec(
            GuestCommand(
                path: "/bin/sh", arguments: ["-c", script], timeout: .seconds(300),
                output: .viaGuestFiles(keep: 64 << 20, sinkDirectory: nil)))
        let seconds = (ContinuousClock.now - start).seconds
        guard !result.timedOut, result.exitCode == 0 else {
            throw EngineError.guestStepFailed(
                machine: "m1", step: "bench fingerprint floor", detail: "exit \(result.exitCode ?? -1): \(result.stderrText.prefix(300))")
        }
        return seconds
    }

    static func median(_ values: [Double]) -> Double { PlanBenchmark.median(values) }
}
