/// What an image built to match a production capture should hold (`image build --match`): the
/// package versions production runs (the recipe looks in every suite of the release), the services production
/// has enabled, and the files copied on purpose at capture (`production capture --copy`); nothing
/// else of production's is copied, since config files can hold secrets.
///
/// The recipe reads it from a folder (``files``): it installs what Debian's archives still have,
/// from inside the image tree on the host (apt checks the archive's signed InRelease and every
/// file's hash), enables the services, copies the files, and reports what it could not match.
public struct MatchPlan: Sendable, Hashable {
    /// `name=version`, as apt takes them; only fully installed packages of production's own
    /// architecture (or `all`).
    public var packages: [String]
    /// Packages left out, with why (a foreign architecture, a package not fully installed).
    public var skipped: [String]
    /// The release's codename the image must be of (`bookworm`).
    public var codename: String
    /// Units production has enabled.
    public var services: [String]
    public var copiedFiles: [CopiedFile]

    /// - Throws: ``MatchPlanError`` when the capture lacks what a match needs (its release).
    public init(record: ProductionRecord) throws {
        let print = record.fingerprint
        guard print.system.osID == "debian", let codename = print.system.osCodename else {
            throw MatchPlanError.notDebian(name: record.name, os: print.system.osRelease ?? "unknown")
        }
        self.codename = codename
        var packages: [String] = [], skipped: [String] = []
        for name in print.packages.keys.sorted() {
            let version = print.packages[name]!
            // The recipe hands these to apt on its command line: only what Debian's grammar allows.
            guard Self.isPackageName(name), Self.isVersion(version) else {
                skipped.append("\(Fingerprint.shown(name)) \(Fingerprint.shown(version)): not a Debian package name and version")
                continue
            }
            if let state = print.packageStates[name] {
                skipped.append("\(name) \(version): \(state) on production, not installed")
                continue
            }
            if Self.bootPackagePrefixes.contains(where: { name.hasPrefix($0) }) {
                skipped.append("\(name) \(version): kernels and boot loaders are the image's own (a lab machine boots the image's kernel)")
                continue
            }
            if let colon = name.firstIndex(of: ":"),
                !Self.nativeArchitectures(print.system.architecture).contains(String(name[name.index(after: colon)...]))
            {
                skipped.append("\(name) \(version): another architecture than the image's")
                continue
            }
            packages.append("\(name)=\(version)")
        }
        self.packages = packages
        self.skipped = skipped
        let enabled = print.services.filter { $0.value.enabled == "enabled" }.keys.sorted()
        services = enabled.filter(Self.isUnitName)
        self.skipped += enabled.filter { !Self.isUnitName($0) }.map { "\(Fingerprint.shown($0)): not a systemd unit name" }
        copiedFiles = record.copiedFiles.sorted { $0.path < $1.path }
    }

    /// `name` or `name:arch`: lowercase letters, digits, `+`, `-`, `.`, starting with a letter or
    /// digit (Debian policy 5.6.1), so never an option or a path to the recipe's apt.
    static func isPackageName(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, let name = parts.first, name.utf8.count >= 2, name.utf8.count <= 128,
            let first = name.unicodeScalars.first, ("a"..."z").contains(first) || ("0"..."9").contains(first)
        else { return false }
        let nameOK = name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0)
        }
        let archOK =
            parts.count == 1
            || (!parts[1].isEmpty
                && parts[1].unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
        return nameOK && archOK
    }

    /// A Debian version: letters, digits and `.+~:-`, starting with a digit (Debian policy 5.6.12).
    static func isVersion(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("0"..."9").contains(first), text.utf8.count <= 128 else { return false }
        return text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || ".+~:-".unicodeScalars.contains($0)
        }
    }

    /// A unit file name the recipe may look up and enable: `name.service`, no `/`, not starting
    /// with `-` or `.`, only the characters systemd allows in unit names.
    static func isUnitName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first != "-", first != ".", text.utf8.count <= 255, text.contains(".") else {
            return false
        }
        return text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || ":-_.@\\".unicodeScalars.contains($0)
        }
    }

    /// Kernel and boot loader packages: a lab machine boots the image's kernel directly, and a boot
    /// loader's scripts would look for a disk to install to.
    static let bootPackagePrefixes = ["linux-image-", "linux-headers-", "linux-modules-", "grub-", "grub2-", "shim-"]

    /// dpkg's architecture names for a `uname -m`.
    static func nativeArchitectures(_ machine: String?) -> Set<String> {
        switch machine {
        case "x86_64": return ["amd64", "all"]
        case "aarch64": return ["arm64", "all"]
        case "i686", "i386": return ["i386", "all"]
        default: return ["all"]
        }
    }

    /// The folder the recipe reads: one file per part, one item per line; copied files under
    /// `files/` at their absolute path.
    public var files: [String: String] {
        [
            "codename": codename + "\n",
            "packages": packages.map { $0 + "\n" }.joined(),
            "services": services.map { $0 + "\n" }.joined(),
            "copied": copiedFiles.map { $0.path + "\n" }.joined(),
        ]
    }
}

/// A capture no image can be matched to.
public enum MatchPlanError: Error, Sendable, Equatable, CustomStringConvertible {
    case notDebian(name: String, os: String)

    public var description: String {
        switch self {
        case let .notDebian(name, os):
            return "production capture \(name) runs \(os): a matched image is built from Debian's archives for a Debian release "
                + "(its os-release must name ID=debian and a VERSION_CODENAME)"
        }
    }
}
