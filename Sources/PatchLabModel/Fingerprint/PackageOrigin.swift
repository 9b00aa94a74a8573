/// Where an installed package version comes from, as apt sees it (`apt-cache policy`): the archive
/// (`bookworm-security/main`) and the site that serves it. A version no configured archive offers
/// any more (or never did: a `.deb` installed by hand) has the archive `-` and no site.
public struct PackageOrigin: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `SUITE/COMPONENT` as apt prints it, or `-`.
    public var archive: String
    /// `http://deb.debian.org/debian-security`; nil when no archive has the version.
    public var site: String?

    public init(archive: String, site: String? = nil) {
        self.archive = archive
        self.site = site
    }

    /// True when no configured archive offers the installed version.
    public var isUnknown: Bool { archive == "-" }

    /// The suite (`bookworm-security`), the archive without its component.
    public var suite: String? {
        isUnknown ? nil : String(archive.split(separator: "/", maxSplits: 1).first ?? Substring(archive))
    }

    /// `bookworm-security/main (http://deb.debian.org/debian-security)`, or `no archive`.
    public var description: String {
        isUnknown ? "no archive" : archive + (site.map { " (\($0))" } ?? "")
    }
}
