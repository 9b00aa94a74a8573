extension Fingerprint {
    /// What changed from `baseline` to `other` (see ``FingerprintDiff``). A version change is an
    /// upgrade or a downgrade by dpkg's order; versions dpkg holds equal (`1.0` and `1.0-0`) are no
    /// change.
    public static func diff(from baseline: Fingerprint, to other: Fingerprint) -> FingerprintDiff {
        var diff = FingerprintDiff(machine: other.machine, fromPhase: baseline.phase, toPhase: other.phase)

        for name in other.packages.keys.sorted() where baseline.packages[name] == nil {
            diff.packagesAdded.append(.init(name: name, version: other.packages[name]!, state: other.packageStates[name]))
        }
        for name in baseline.packages.keys.sorted() {
            let before = baseline.packages[name]!
            guard let after = other.packages[name] else {
                diff.packagesRemoved.append(.init(name: name, version: before, state: baseline.packageStates[name]))
                continue
            }
            let order = versionOrder(before, after)
            if order < 0 {
                diff.packagesUpgraded.append(.init(name: name, from: before, to: after))
            } else if order > 0 {
                diff.packagesDowngraded.append(.init(name: name, from: before, to: after))
            }
            let (stateBefore, stateAfter) = (baseline.state(ofPackage: name)!, other.state(ofPackage: name)!)
            if stateBefore != stateAfter {
                diff.packageStatesChanged.append(.init(name: name, from: stateBefore, to: stateAfter))
            }
        }

        for name in Set(baseline.services.keys).union(other.services.keys).sorted() {
            let (before, after) = (baseline.services[name], other.services[name])
            if before != after {
                diff.servicesChanged.append(.init(name: name, before: before, after: after))
            }
        }

        diff.portsOpened = sortedPorts(other.ports.subtracting(baseline.ports))
        diff.portsClosed = sortedPorts(baseline.ports.subtracting(other.ports))

        diff.filesAdded = other.files.keys.filter { baseline.files[$0] == nil }.sorted()
        diff.filesRemoved = baseline.files.keys.filter { other.files[$0] == nil }.sorted()
        diff.filesChanged = baseline.files.keys.filter { path in
            other.files[path].map { $0 != baseline.files[path] } ?? false
        }.sorted()
        return diff
    }

    /// dpkg's order; text order only for a version dpkg would not accept (a fingerprint built in
    /// code), so a difference is never lost.
    private static func versionOrder(_ lhs: String, _ rhs: String) -> Int {
        if let a = DebianVersion(lhs), let b = DebianVersion(rhs) { return DebianVersion.compare(a, b) }
        return lhs == rhs ? 0 : (lhs < rhs ? -1 : 1)
    }

    /// By protocol, then port number (so tcp/8080 comes after tcp/443).
    private static func sortedPorts(_ ports: Set<String>) -> [String] {
        func key(_ port: String) -> (String, Int, String) {
            let parts = port.split(separator: "/", maxSplits: 1)
            return (String(parts.first ?? ""), parts.count == 2 ? Int(parts[1]) ?? Int.max : Int.max, port)
        }
        return ports.sorted { key($0) < key($1) }
    }
}
