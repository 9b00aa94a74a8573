import Foundation
import PatchLabModel

/// Debian's archive as the host's own apt sees it, through a private configuration and state under
/// `$PATCHLAB_HOME/apt/RELEASE/`: sources for the release and its `-updates` and `-security`
/// suites, signed by Debian's archive keyring, lists and caches of its own. The host's apt state is
/// never read or changed, and no guest ever reaches a network.
///
/// Mirrors: `PATCHLAB_DEBIAN_MIRROR` (default `http://deb.debian.org/debian`) and
/// `PATCHLAB_DEBIAN_SECURITY_MIRROR` (default `http://deb.debian.org/debian-security`).
public struct AptArchive: Sendable {
    public let release: DebianRelease
    /// `$PATCHLAB_HOME/apt/bookworm`.
    public let root: String
    public var mirror: String
    public var securityMirror: String
    public var keyring: String
    public var architecture: String

    public static let defaultKeyring = "/usr/share/keyrings/debian-archive-keyring.gpg"

    public init(
        environment: EngineEnvironment, release: DebianRelease,
        variables: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.release = release
        root = "\(environment.home)/apt/\(release.codename)"
        mirror = variables["PATCHLAB_DEBIAN_MIRROR"].flatMap { $0.isEmpty ? nil : $0 } ?? "http://deb.debian.org/debian"
        securityMirror =
            variables["PATCHLAB_DEBIAN_SECURITY_MIRROR"].flatMap { $0.isEmpty ? nil : $0 } ?? "http://deb.debian.org/debian-security"
        keyring = Self.defaultKeyring
        architecture =
            (try? HostCommand.capture("/usr/bin/dpkg", ["--print-architecture"]))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "amd64"
    }

    var configFile: String { "\(root)/apt.conf" }

    /// The private configuration: every place apt reads or writes is under ``root``.
    var configuration: String {
        """
        Dir "\(root)/";
        Dir::State "\(root)/state/";
        Dir::State::status "\(root)/state/status";
        Dir::Cache "\(root)/cache/";
        Dir::Etc "\(root)/etc/";
        Dir::Etc::main "\(root)/etc/apt.conf";
        Dir::Etc::Parts "\(root)/etc/apt.conf.d/";
        Dir::Etc::sourcelist "\(root)/etc/sources.list";
        Dir::Etc::sourceparts "\(root)/etc/sources.list.d/";
        Dir::Etc::preferences "\(root)/etc/preferences";
        Dir::Etc::preferencesparts "\(root)/etc/preferences.d/";
        Dir::Etc::trusted "\(root)/etc/trusted.gpg";
        Dir::Etc::trustedparts "\(root)/etc/trusted.gpg.d/";
        Dir::Log "\(root)/log/";
        APT::Architecture "\(architecture)";
        APT::Architectures { "\(architecture)"; };
        Acquire::Languages "none";

        """
    }

    /// The release's three suites, in deb822 form, each checked against Debian's keyring.
    var sources: String {
        """
        Types: deb
        URIs: \(mirror)
        Suites: \(release.name(of: .release)) \(release.name(of: .updates))
        Components: main
        Signed-By: \(keyring)

        Types: deb
        URIs: \(securityMirror)
        Suites: \(release.name(of: .security))
        Components: main
        Signed-By: \(keyring)

        """
    }

    /// Writes the configuration and runs `apt-get update` with it.
    public func update() throws {
        guard FileManager.default.fileExists(atPath: keyring) else { throw UpdatesError.noKeyring(keyring) }
        let fm = FileManager.default
        for folder in [
            "etc/apt.conf.d", "etc/sources.list.d", "etc/preferences.d", "etc/trusted.gpg.d", "state/lists/partial",
            "cache/archives/partial", "log",
        ] {
            try fm.createDirectory(atPath: "\(root)/\(folder)", withIntermediateDirectories: true)
        }
        if !fm.fileExists(atPath: "\(root)/state/status") { fm.createFile(atPath: "\(root)/state/status", contents: Data()) }
        try Data(configuration.utf8).write(to: URL(fileURLWithPath: configFile))
        try Data(sources.utf8).write(to: URL(fileURLWithPath: "\(root)/etc/sources.list.d/debian.sources"))
        _ = try apt("/usr/bin/apt-get", ["-q", "update"])
    }

    /// apt's version table of each package (``update()`` first); packages apt does not know are left out.
    public func policy(_ packages: [String]) throws -> [AptPolicy] {
        var policies: [AptPolicy] = []
        // Long lists in slices, to stay far from the system's argument-length limit.
        for start in stride(from: 0, to: packages.count, by: 500) {
            let slice = Array(packages[start..<min(start + 500, packages.count)])
            policies += AptPolicy.parse(try apt("/usr/bin/apt-cache", ["policy"] + slice))
        }
        return policies
    }

    /// The signed index's stanza of each `name=version`.
    public func records(_ wanted: [(package: String, version: String)]) throws -> [AptRecord] {
        guard !wanted.isEmpty else { return [] }
        var records: [AptRecord] = []
        for start in stride(from: 0, to: wanted.count, by: 200) {
            let slice = wanted[start..<min(start + 200, wanted.count)].map { "\($0.package)=\($0.version)" }
            records += AptRecord.parse(try apt("/usr/bin/apt-cache", ["show", "--no-all-versions"] + slice))
        }
        return records
    }

    /// Fetches one `.deb` with `apt-get download` and keeps it at `target` only when its sha256 is
    /// the one `record` (from the signed index) gives. An intact file already there is kept.
    public func download(_ record: AptRecord, to target: String) throws {
        if (try? FileDigest.sha256(ofFile: target)) == record.sha256 { return }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("patchlab-apt-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        // apt downloads as its sandbox user, who must be able to write there.
        _ = try? HostCommand.capture("/bin/chown", ["_apt", scratch])
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: scratch)
        let name = record.package.split(separator: ":").first.map(String.init) ?? record.package
        _ = try apt("/usr/bin/apt-get", ["-q", "download", "\(name)=\(record.version)"], directory: scratch)
        guard let file = try FileManager.default.contentsOfDirectory(atPath: scratch).first(where: { $0.hasSuffix(".deb") }) else {
            throw EngineError.hostCommandFailed(
                command: "apt-get download \(name)=\(record.version)", status: 0,
                output: "no .deb was written")
        }
        let actual = try FileDigest.sha256(ofFile: "\(scratch)/\(file)")
        guard actual == record.sha256 else {
            throw UpdatesError.digestMismatch(file: record.fileName, expected: record.sha256, actual: actual)
        }
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(atPath: target)
        try FileManager.default.moveItem(atPath: "\(scratch)/\(file)", toPath: target)
    }

    private func apt(_ program: String, _ arguments: [String], directory: String? = nil) throws -> String {
        try HostCommand.capture(program, arguments, environment: ["APT_CONFIG": configFile, "LC_ALL": "C"], directory: directory)
    }
}
