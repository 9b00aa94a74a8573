/// What changed on one machine between two fingerprints (a baseline and a later one): packages
/// added, removed, upgraded or downgraded (by dpkg's version order), services whose state or
/// enablement changed, ports opened or closed, watched files added, removed or changed.
///
/// Every list is sorted (packages, services and files by name, ports by protocol then number), so
/// two diffs of the same fingerprints are equal and ``lines`` reads the same every time.
public struct FingerprintDiff: Sendable, Hashable, Codable {
    public var machine: String
    /// The phases compared (`baseline` → `post-patch`), when the fingerprints carry them.
    public var fromPhase: RehearsalPhase?
    public var toPhase: RehearsalPhase?
    public var packagesAdded: [PackageVersion]
    public var packagesRemoved: [PackageVersion]
    public var packagesUpgraded: [PackageUpdate]
    public var packagesDowngraded: [PackageUpdate]
    /// Packages on both sides whose dpkg state changed (`installed` → `half-configured`).
    public var packageStatesChanged: [PackageStateChange]
    /// Services added, removed, or whose active state or enablement changed.
    public var servicesChanged: [ServiceChange]
    /// `tcp/80`-style.
    public var portsOpened: [String]
    public var portsClosed: [String]
    public var filesAdded: [String]
    public var filesRemoved: [String]
    /// Present on both sides with a different digest.
    public var filesChanged: [String]

    public init(
        machine: String, fromPhase: RehearsalPhase? = nil, toPhase: RehearsalPhase? = nil,
        packagesAdded: [PackageVersion] = [], packagesRemoved: [PackageVersion] = [],
        packagesUpgraded: [PackageUpdate] = [], packagesDowngraded: [PackageUpdate] = [],
        packageStatesChanged: [PackageStateChange] = [], servicesChanged: [ServiceChange] = [],
        portsOpened: [String] = [], portsClosed: [String] = [],
        filesAdded: [String] = [], filesRemoved: [String] = [], filesChanged: [String] = []
    ) {
        self.machine = machine
        self.fromPhase = fromPhase
        self.toPhase = toPhase
        self.packagesAdded = packagesAdded
        self.packagesRemoved = packagesRemoved
        self.packagesUpgraded = packagesUpgraded
        self.packagesDowngraded = packagesDowngraded
        self.packageStatesChanged = packageStatesChanged
        self.servicesChanged = servicesChanged
        self.portsOpened = portsOpened
        self.portsClosed = portsClosed
        self.filesAdded = filesAdded
        self.filesRemoved = filesRemoved
        self.filesChanged = filesChanged
    }

    /// True when the two fingerprints agree on everything they record.
    public var isEmpty: Bool {
        packagesAdded.isEmpty && packagesRemoved.isEmpty && packagesUpgraded.isEmpty && packagesDowngraded.isEmpty
            && packageStatesChanged.isEmpty && servicesChanged.isEmpty && portsOpened.isEmpty && portsClosed.isEmpty
            && filesAdded.isEmpty && filesRemoved.isEmpty && filesChanged.isEmpty
    }

    /// One line per difference, field by field, for people: packages, then services, ports, files.
    ///
    /// ```
    /// package nginx-light upgraded 1.22.1-9+deb12u9 → 1.22.1-9+deb12u11
    /// service nginx.service active state active → failed
    /// port tcp/80 closed
    /// file /etc/nginx/conf.d/broken.conf added
    /// ```
    public var lines: [String] {
        var lines: [String] = []
        lines += packagesAdded.map { "package \($0.name) added \($0.version)" + ($0.state.map { " (\($0))" } ?? "") }
        lines += packagesRemoved.map { "package \($0.name) removed (was \($0.version))" }
        lines += packagesUpgraded.map { "package \($0.name) upgraded \($0.from) → \($0.to)" }
        lines += packagesDowngraded.map { "package \($0.name) downgraded \($0.from) → \($0.to)" }
        lines += packageStatesChanged.map { "package \($0.name) state \($0.from) → \($0.to)" }
        for change in servicesChanged {
            switch (change.before, change.after) {
            case let (nil, after?):
                lines.append("service \(change.name) added (\(after))")
            case let (before?, nil):
                lines.append("service \(change.name) removed (was \(before))")
            case let (before?, after?):
                if before.active != after.active {
                    lines.append("service \(change.name) active state \(before.active) → \(after.active)")
                }
                if before.enabled != after.enabled {
                    lines.append("service \(change.name) enablement \(before.enabled) → \(after.enabled)")
                }
            case (nil, nil):
                continue
            }
        }
        lines += portsOpened.map { "port \($0) opened" }
        lines += portsClosed.map { "port \($0) closed" }
        lines += filesAdded.map { "file \($0) added" }
        lines += filesRemoved.map { "file \($0) removed" }
        lines += filesChanged.map { "file \($0) changed" }
        return lines
    }
}
