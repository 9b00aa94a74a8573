/// Compares a lab machine's fingerprint with its production host's, dimension by dimension (see
/// ``FidelityDimensionKind`` for what each compares and weighs).
///
/// A dimension is compared only when both fingerprints gathered it: packages, services and ports
/// when both specs turned them on, files only for paths both specs watch and neither ignores
/// (a lab watching `/srv` is not "missing" production's unwatched `/srv`), the system when both
/// probes read it.
public enum FidelityComparison {
    public static func dimensions(
        lab: Fingerprint, labSpec: FingerprintSpec,
        production: Fingerprint, productionSpec: FingerprintSpec
    ) -> [FidelityDimension] {
        var dimensions: [FidelityDimension] = []
        if !lab.system.isEmpty && !production.system.isEmpty {
            dimensions.append(system(lab.system, production.system))
        }
        if labSpec.packages && productionSpec.packages {
            dimensions.append(compare(.packages, lab: packageValues(lab), production: packageValues(production), same: sameVersion))
        }
        if labSpec.services && productionSpec.services {
            dimensions.append(
                compare(
                    .services, lab: lab.services.mapValues(\.description),
                    production: production.services.mapValues(\.description), same: ==))
        }
        if labSpec.ports && productionSpec.ports {
            let listening = { (ports: Set<String>) in Dictionary(uniqueKeysWithValues: ports.map { ($0, "listening") }) }
            dimensions.append(compare(.ports, lab: listening(lab.ports), production: listening(production.ports), same: ==))
        }
        if !labSpec.watch.isEmpty && !productionSpec.watch.isEmpty {
            let both = { (path: String) in labSpec.covers(path) && productionSpec.covers(path) }
            dimensions.append(
                compare(
                    .files, lab: lab.files.filter { both($0.key) },
                    production: production.files.filter { both($0.key) }, same: ==))
        }
        return dimensions
    }

    /// Where each of `packages` starts in the lab (its baseline) and in production.
    /// A `.deb` names `libssl3` where dpkg lists a multi-arch copy as `libssl3:amd64`: each name is
    /// taken as the fingerprints spell it.
    public static func startVersions(of packages: [String], lab: Fingerprint, production: Fingerprint) -> [StartVersion] {
        let names = Set(
            packages.map { name in
                [lab, production].lazy.compactMap { spelled(name, in: $0) }.first ?? name
            })
        return names.sorted().map { StartVersion(package: $0, lab: lab.packages[$0], production: production.packages[$0]) }
    }

    private static func spelled(_ name: String, in fingerprint: Fingerprint) -> String? {
        if fingerprint.packages[name] != nil { return name }
        guard !name.contains(":") else { return nil }
        let qualified = fingerprint.packages.keys.filter { $0.hasPrefix(name + ":") }
        return qualified.count == 1 ? qualified[0] : nil
    }

    // MARK: dimensions

    private static func system(_ lab: SystemFacts, _ production: SystemFacts) -> FidelityDimension {
        let facts = [
            ("os", lab.osRelease, production.osRelease), ("kernel", lab.kernel, production.kernel),
            ("arch", lab.architecture, production.architecture),
        ]
        var same = 0
        var differences: [FidelityDifference] = []
        for (key, labValue, productionValue) in facts where labValue != nil || productionValue != nil {
            if labValue == productionValue {
                same += 1
            } else {
                differences.append(FidelityDifference(kind: .different, key: key, lab: labValue, production: productionValue))
            }
        }
        return FidelityDimension(kind: .system, same: same, differences: differences)
    }

    /// Version, and dpkg's state when the package is not fully installed: `1.2-3 (half-configured)`.
    private static func packageValues(_ fingerprint: Fingerprint) -> [String: String] {
        var values = fingerprint.packages
        for (name, state) in fingerprint.packageStates where values[name] != nil {
            values[name]! += " (\(state))"
        }
        return values
    }

    /// dpkg's equality of versions (`1.0` is `1.0-0`), and the same state.
    private static func sameVersion(_ lab: String, _ production: String) -> Bool {
        let split = { (value: String) -> (String, Substring) in
            let version = value.split(separator: " ", maxSplits: 1)
            return (String(version[0]), version.count == 2 ? version[1] : "")
        }
        let (labVersion, labState) = split(lab), (productionVersion, productionState) = split(production)
        guard labState == productionState else { return false }
        if let a = DebianVersion(labVersion), let b = DebianVersion(productionVersion) { return a == b }
        return labVersion == productionVersion
    }

    private static func compare(
        _ kind: FidelityDimensionKind, lab: [String: String], production: [String: String],
        same isSame: (String, String) -> Bool
    ) -> FidelityDimension {
        var same = 0
        var differences: [FidelityDifference] = []
        for (key, productionValue) in production {
            guard let labValue = lab[key] else {
                differences.append(FidelityDifference(kind: .missingInLab, key: key, lab: nil, production: productionValue))
                continue
            }
            if isSame(labValue, productionValue) {
                same += 1
            } else {
                differences.append(FidelityDifference(kind: .different, key: key, lab: labValue, production: productionValue))
            }
        }
        for (key, labValue) in lab where production[key] == nil {
            differences.append(FidelityDifference(kind: .onlyInLab, key: key, lab: labValue, production: nil))
        }
        return FidelityDimension(kind: kind, same: same, differences: differences)
    }
}
