/// The packages a change patches, as far as the evidence tells: the `.deb` files it uploads
/// (`NAME_VERSION_ARCH.deb`, Debian's naming) and every package the patch changed on a machine
/// (its fingerprint diff). Start versions are checked for these.
public enum PatchedPackages {
    public static func names(change: Change, diff: FingerprintDiff?) -> [String] {
        var names = Set(change.patch.files.compactMap { debPackageName($0.fileName) })
        if let diff {
            names.formUnion(diff.packagesUpgraded.map(\.name))
            names.formUnion(diff.packagesDowngraded.map(\.name))
            names.formUnion(diff.packagesAdded.map(\.name))
            names.formUnion(diff.packagesRemoved.map(\.name))
            names.formUnion(diff.packageStatesChanged.map(\.name))
        }
        return names.sorted()
    }

    /// `nginx-light` of `nginx-light_1.22.1-9+deb12u11_all.deb`; nil for a name of another shape.
    public static func debPackageName(_ fileName: String) -> String? {
        guard fileName.hasSuffix(".deb") else { return nil }
        let parts = fileName.dropLast(4).split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 3, let name = parts.first, !name.isEmpty,
            name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || "+-.".contains($0)) })
        else { return nil }
        return String(name)
    }
}
