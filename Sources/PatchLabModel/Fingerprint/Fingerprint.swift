import Foundation

/// What one machine looked like at one moment: its installed packages, its services, its listening
/// ports and the digests of its watched files, as gathered by ``FingerprintSpec/probeScript``.
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

    public init(machine: String, phase: RehearsalPhase? = nil, takenAt: Date = Date(), packages: [String: String] = [:],
                packageStates: [String: String] = [:], services: [String: ServiceStatus] = [:],
                ports: Set<String> = [], files: [String: String] = [:]) {
        self.machine = machine
        self.phase = phase
        self.takenAt = takenAt
        self.packages = packages
        self.packageStates = packageStates
        self.services = services
        self.ports = ports
        self.files = files
    }

    /// dpkg's status of a present package: `installed` unless ``packageStates`` says otherwise.
    public func state(ofPackage name: String) -> String? {
        guard packages[name] != nil else { return nil }
        return packageStates[name] ?? "installed"
    }
}
