/// Where a patched package starts in the lab and in production: what matters most for a patch is
/// that the lab tests the upgrade production will make. nil means "not installed".
public struct StartVersion: Sendable, Hashable, Codable {
    public var package: String
    /// The version at the lab's baseline, before the patch.
    public var lab: String?
    /// The version production runs.
    public var production: String?

    public init(package: String, lab: String?, production: String?) {
        self.package = package
        self.lab = lab
        self.production = production
    }

    /// Equal by dpkg's order (`1.0` and `1.0-0` are one version), or both absent.
    public var matches: Bool {
        switch (lab, production) {
        case (nil, nil): return true
        case let (lab?, production?):
            if let a = DebianVersion(lab), let b = DebianVersion(production) { return a == b }
            return lab == production
        default: return false
        }
    }

    /// `the lab tested the upgrade of nginx from 1.22.1-9+deb12u9; production runs 1.22.1-9+deb12u3`.
    public var line: String {
        switch (lab, production, matches) {
        case (_, _, true):
            return "\(package) starts from \(lab ?? "not installed") in the lab and in production"
        case let (lab?, production?, false):
            return "the lab tested the upgrade of \(package) from \(lab); production runs \(production)"
        case let (lab?, nil, false):
            return "the lab tested the upgrade of \(package) from \(lab); production does not have \(package)"
        case let (nil, production?, false):
            return "the lab installed \(package) fresh; production runs \(production)"
        case (nil, nil, false):
            return "\(package): not installed on either side"
        }
    }
}
