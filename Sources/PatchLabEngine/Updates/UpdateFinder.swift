import Foundation
import PatchLabModel

/// What one machine has installed, and the Debian release it runs: what apt is asked about.
public struct InstalledPackages: Sendable, Hashable, Codable {
    public var machine: String
    public var release: DebianRelease
    /// dpkg's name (with `:arch` for a multi-arch copy) → version.
    public var packages: [String: String]

    public init(machine: String, release: DebianRelease, packages: [String: String]) {
        self.machine = machine
        self.release = release
        self.packages = packages
    }
}

/// One machine's pending updates, security first.
public struct MachineUpdates: Sendable, Codable {
    public var machine: String
    public var release: String
    public var updates: [PendingUpdate]

    public init(machine: String, release: String, updates: [PendingUpdate]) {
        self.machine = machine
        self.release = release
        self.updates = updates
    }
}

/// Finds the pending updates of lab machines or production hosts: their installed packages (from a
/// fingerprint, taken through the guest agent or stored), asked of the host's apt through a private
/// ``AptArchive`` per release, with the source package and the signed index's digest of each update.
public struct UpdateFinder: Sendable {
    public let environment: EngineEnvironment

    public init(environment: EngineEnvironment) { self.environment = environment }

    /// Only packages: a fingerprint of services, ports and files is not needed here.
    static let packagesOnly = FingerprintSpec(packages: true, services: false, ports: false, watch: [], ignore: [])

    /// Every machine of an up lab, in lab order: its packages from a fingerprint taken through the
    /// guest agent, its release from the agent's OS facts.
    public func installed(in lab: Lab, provisioner: LabProvisioner) async throws -> [InstalledPackages] {
        let inspector = LabInspector(provisioner: provisioner)
        var machines: [InstalledPackages] = []
        for machine in lab.machines {
            let channel = try await inspector.channel(lab: lab, machine: machine.name)
            let os = try await channel.osInfo()
            guard os.id == "debian" else {
                throw UpdatesError.notDebian(machine: machine.name, os: os.prettyName ?? os.id ?? "an unknown system")
            }
            guard let version = os.versionID, let release = DebianRelease(version: version) else {
                throw UpdatesError.unknownRelease(machine: machine.name, version: os.versionID ?? "(no VERSION_ID)")
            }
            let print = try await FingerprintCollector(spec: Self.packagesOnly).take(machine: machine.name, phase: nil, channel: channel)
            machines.append(InstalledPackages(machine: machine.name, release: release, packages: print.packages))
        }
        return machines
    }

    /// A stored fingerprint's packages; its release is `release`, or the one its `base-files` version names.
    public static func installed(fingerprint: Fingerprint, file: String, release: DebianRelease?) throws -> InstalledPackages {
        guard let release = release ?? fingerprint.packages["base-files"].flatMap(DebianRelease.init(version:)) else {
            throw UpdatesError.releaseNotKnown(file: file)
        }
        return InstalledPackages(machine: fingerprint.machine, release: release, packages: fingerprint.packages)
    }

    /// Each machine's pending updates in `suites`, with the index record (source package, size,
    /// digest) of each; `apt-get update` runs once per release.
    public func pending(
        _ machines: [InstalledPackages], suites: Set<DebianRelease.Suite>,
        progress: @Sendable (String) -> Void = { _ in }
    ) throws -> [MachineUpdates] {
        var results: [MachineUpdates] = []
        var archives: [DebianRelease: AptArchive] = [:]
        for machine in machines {
            let archive: AptArchive
            if let known = archives[machine.release] {
                archive = known
            } else {
                archive = AptArchive(environment: environment, release: machine.release)
                progress("apt-get update for \(machine.release.codename) (\(archive.root))")
                try archive.update()
                archives[machine.release] = archive
            }
            // dpkg names a Multi-Arch: same package with its architecture (`libssl3:amd64`); apt names the
            // host's own architecture's copy without it.
            let installed = Dictionary(
                machine.packages.map { name, version in
                    (name.hasSuffix(":\(archive.architecture)") ? String(name.dropLast(archive.architecture.count + 1)) : name, version)
                }, uniquingKeysWith: { first, _ in first })
            let policies = try archive.policy(installed.keys.sorted())
            var updates = PendingUpdate.select(installed: installed, policies: policies, release: machine.release, suites: suites)
            let records = try archive.records(updates.map { ($0.package, $0.candidate) })
            for index in updates.indices {
                let bare = updates[index].package.split(separator: ":").first.map(String.init) ?? updates[index].package
                guard let record = records.first(where: { $0.package == bare && $0.version == updates[index].candidate }) else { continue }
                updates[index].record = record
                updates[index].source = record.source
            }
            results.append(MachineUpdates(machine: machine.machine, release: machine.release.codename, updates: updates))
        }
        return results
    }
}
