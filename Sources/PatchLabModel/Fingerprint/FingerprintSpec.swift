/// What makes up each machine's fingerprint: the facts compared before the patch, after it, and
/// after the rollback. See ``probeScript`` for how a guest gathers them.
public struct FingerprintSpec: Sendable, Hashable, Codable {
    public static let defaultWatch = ["/etc"]
    /// Files that differ between two boots of the same disk, or that the system rewrites on its own,
    /// would make every comparison noisy.
    public static let defaultIgnore = ["/etc/hostname", "/etc/machine-id", "/etc/ld.so.cache"]

    /// Installed packages and their versions.
    public var packages: Bool
    /// Every systemd service's active state and enablement.
    public var services: Bool
    /// Listening TCP ports and bound UDP ports.
    public var ports: Bool
    /// Absolute guest paths whose regular files are digested (recursively, not crossing mounts).
    public var watch: [String]
    /// Absolute guest paths left out of the watch: a path ending in `/` is a folder and everything
    /// under it; another path is that file, or that folder and everything under it.
    public var ignore: [String]
    /// Where `fingerprint:` starts, or the change file's start when it was defaulted.
    public var location: SourceLocation

    public init(packages: Bool = true, services: Bool = true, ports: Bool = true,
                watch: [String] = FingerprintSpec.defaultWatch, ignore: [String] = FingerprintSpec.defaultIgnore,
                location: SourceLocation = .wholeFile("<code>")) {
        self.packages = packages
        self.services = services
        self.ports = ports
        self.watch = watch
        self.ignore = ignore
        self.location = location
    }

    /// True when `path` is left out of the fingerprint by ``ignore`` (the same rule the probe applies).
    public func ignores(_ path: String) -> Bool {
        ignore.contains { entry in
            let folder = entry.hasSuffix("/") ? entry : entry + "/"
            return path == entry || path == String(folder.dropLast()) || path.hasPrefix(folder)
        }
    }
}
