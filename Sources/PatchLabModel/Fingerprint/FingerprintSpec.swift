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
    /// Where each installed package version comes from (`apt-cache policy`): what a production
    /// capture records so a lab can be built to match it. Off for lab guests, whose images carry
    /// no apt lists.
    public var origins: Bool
    /// Absolute guest paths whose regular files are digested (recursively, not crossing mounts).
    public var watch: [String]
    /// Absolute guest paths left out of the watch: a path ending in `/` is a folder and everything
    /// under it; another path is that file, or that folder and everything under it.
    public var ignore: [String]
    /// Where `fingerprint:` starts, or the change file's start when it was defaulted.
    public var location: SourceLocation

    public init(
        packages: Bool = true, services: Bool = true, ports: Bool = true, origins: Bool = false,
        watch: [String] = FingerprintSpec.defaultWatch, ignore: [String] = FingerprintSpec.defaultIgnore,
        location: SourceLocation = .wholeFile("<code>")
    ) {
        self.packages = packages
        self.services = services
        self.ports = ports
        self.origins = origins
        self.watch = watch
        self.ignore = ignore
        self.location = location
    }

    /// True when `path` is one this spec digests: under a watched path and not ignored.
    public func covers(_ path: String) -> Bool {
        !ignores(path)
            && watch.contains { root in
                root == "/" || path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
            }
    }

    /// True when `path` is left out of the fingerprint by ``ignore`` (the same rule the probe applies).
    public func ignores(_ path: String) -> Bool {
        ignore.contains { entry in
            let folder = entry.hasSuffix("/") ? entry : entry + "/"
            return path == entry || path == String(folder.dropLast()) || path.hasPrefix(folder)
        }
    }
}

extension FingerprintSpec {
    private enum CodingKeys: String, CodingKey {
        case packages, services, ports, origins, watch, ignore, location
    }

    /// Specs recorded before ``origins`` existed read as not gathering origins.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        packages = try container.decode(Bool.self, forKey: .packages)
        services = try container.decode(Bool.self, forKey: .services)
        ports = try container.decode(Bool.self, forKey: .ports)
        origins = try container.decodeIfPresent(Bool.self, forKey: .origins) ?? false
        watch = try container.decode([String].self, forKey: .watch)
        ignore = try container.decode([String].self, forKey: .ignore)
        location = try container.decode(SourceLocation.self, forKey: .location)
    }
}
