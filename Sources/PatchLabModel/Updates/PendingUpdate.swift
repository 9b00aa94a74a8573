/// An installed package with a newer version in one of its release's suites: what `patchlab updates`
/// lists and `change new --from-updates` turns into patches, one per source package.
public struct PendingUpdate: Sendable, Hashable, Codable {
    /// As dpkg names it (`libc6`, or `libc6:i386` for a multi-arch copy).
    public var package: String
    public var installed: String
    public var candidate: String
    public var suite: DebianRelease.Suite
    /// The archive's suite name (`bookworm-security`).
    public var suiteName: String
    public var source: String
    /// From the signed index, when it was read: the `.deb`'s size, digest and place in the archive.
    public var record: AptRecord?

    public init(
        package: String, installed: String, candidate: String, suite: DebianRelease.Suite, suiteName: String,
        source: String, record: AptRecord? = nil
    ) {
        self.package = package
        self.installed = installed
        self.candidate = candidate
        self.suite = suite
        self.suiteName = suiteName
        self.source = source
        self.record = record
    }

    /// For each installed package the newest version in `suites` that is newer than what is
    /// installed (security first when one version is in several suites), sorted by suite then
    /// package. The source is the package's own name here; ``record`` fills it in.
    public static func select(
        installed: [String: String], policies: [AptPolicy], release: DebianRelease,
        suites: Set<DebianRelease.Suite>
    ) -> [PendingUpdate] {
        var updates: [PendingUpdate] = []
        for policy in policies {
            guard let have = installed[policy.package].flatMap(DebianVersion.init) else { continue }
            var best: (version: DebianVersion, suite: DebianRelease.Suite)?
            for offered in policy.versions {
                guard let version = DebianVersion(offered.version), version > have,
                    let suite = offered.suites.compactMap(release.suite(named:)).filter(suites.contains).min()
                else { continue }
                if best == nil || version > best!.version || (version == best!.version && suite < best!.suite) { best = (version, suite) }
            }
            guard let best else { continue }
            updates.append(
                PendingUpdate(
                    package: policy.package, installed: have.description, candidate: best.version.description,
                    suite: best.suite, suiteName: release.name(of: best.suite), source: policy.package))
        }
        return updates.sorted { ($0.suite, $0.package) < ($1.suite, $1.package) }
    }
}
