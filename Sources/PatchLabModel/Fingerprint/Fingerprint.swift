import Foundation

/// What one machine looked like at one moment: its system (OS release, kernel, architecture), its
/// installed packages (and, for a production capture, where each comes from), its services, its
/// listening ports and the digests of its watched files, as gathered by ``FingerprintSpec/probeScript``.
///
/// A rehearsal takes one per machine at the baseline, after the patch and after the rollback; the
/// rollback is proven only if the last equals the first (``diff(from:to:)`` is empty).
public struct Fingerprint: Sendable, Hashable, Codable {
    /// The lab machine's name.
    public var machine: String
    /// The rehearsal phase it was taken in; nil for one taken outside a rehearsal.
    public var phase: RehearsalPhase?
    public var takenAt: Date
    /// Package name (with `:arch` for multi-arch copies) → version, as dpkg prints them.
    public var packages: [String: String]
    /// dpkg's status of each package that is present but not fully installed (`half-configured`,
    /// `unpacked`, …): what a failed install leaves behind. Fully installed packages are not listed.
    public var packageStates: [String: String]
    /// Unit name (`nginx.service`) → its state.
    public var services: [String: ServiceStatus]
    /// `tcp/80`, `udp/53`: listening TCP and bound UDP ports, any address.
    public var ports: Set<String>
    /// Absolute path → sha256 of every regular file under the watched paths.
    public var files: [String: String]
    /// OS release, kernel and architecture; empty in fingerprints taken before they were gathered.
    public var system: SystemFacts
    /// Package name → where its installed version comes from; only when the spec gathers
    /// ``FingerprintSpec/origins`` (production captures).
    public var packageOrigins: [String: PackageOrigin]

    public init(
        machine: String, phase: RehearsalPhase? = nil, takenAt: Date = Date(), packages: [String: String] = [:],
        packageStates: [String: String] = [:], services: [String: ServiceStatus] = [:],
        ports: Set<String> = [], files: [String: String] = [:], system: SystemFacts = SystemFacts(),
        packageOrigins: [String: PackageOrigin] = [:]
    ) {
        self.machine = machine
        self.phase = phase
        self.takenAt = takenAt
        self.packages = packages
        self.packageStates = packageStates
        self.services = services
        self.ports = ports
        self.files = files
        self.system = system
        self.packageOrigins = packageOrigins
    }

    /// dpkg's status of a present package: `installed` unless ``packageStates`` says otherwise.
    public func state(ofPackage name: String) -> String? {
        guard packages[name] != nil else { return nil }
        return packageStates[name] ?? "installed"
    }
}

extension Fingerprint {
    private enum CodingKeys: String, CodingKey {
        case machine, phase, takenAt, packages, packageStates, services, ports, files, system, packageOrigins
    }

    /// Fingerprints recorded before the system facts and origins existed read with none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        machine = try container.decode(String.self, forKey: .machine)
        phase = try container.decodeIfPresent(RehearsalPhase.self, forKey: .phase)
        takenAt = try container.decode(Date.self, forKey: .takenAt)
        packages = try container.decode([String: String].self, forKey: .packages)
        packageStates = try container.decode([String: String].self, forKey: .packageStates)
        services = try container.decode([String: ServiceStatus].self, forKey: .services)
        ports = try container.decode(Set<String>.self, forKey: .ports)
        files = try container.decode([String: String].self, forKey: .files)
        system = try container.decodeIfPresent(SystemFacts.self, forKey: .system) ?? SystemFacts()
        packageOrigins = try container.decodeIfPresent([String: PackageOrigin].self, forKey: .packageOrigins) ?? [:]
    }
}
