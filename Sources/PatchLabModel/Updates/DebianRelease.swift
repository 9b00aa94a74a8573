/// A Debian release by codename (`bookworm`) and the suites patches come from: the release itself
/// (its point releases), `-security` and `-updates`.
public struct DebianRelease: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Which of a release's suites an update comes from; security first, as patch teams read them.
    public enum Suite: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
        case security
        case updates
        /// The release's own suite, which moves at point releases.
        case release

        public static func < (lhs: Suite, rhs: Suite) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }

        /// How urgent a patch from this suite is.
        public var priority: PatchPriority {
            switch self {
            case .security: .high
            case .updates: .medium
            case .release: .low
            }
        }
    }

    public var codename: String

    public init(codename: String) { self.codename = codename }

    /// The releases PatchLab knows by number: `12` → bookworm.
    public static let byMajor: [Int: String] = [10: "buster", 11: "bullseye", 12: "bookworm", 13: "trixie", 14: "forky"]

    /// From `/etc/os-release`'s `VERSION_ID` (`12`) or a `base-files` version (`12.4+deb12u11`).
    public init?(version text: String) {
        let major = text.prefix { $0.isASCII && $0.isNumber }
        guard let number = Int(major), let codename = Self.byMajor[number] else { return nil }
        self.codename = codename
    }

    /// The archive's name of a suite (`bookworm-security`).
    public func name(of suite: Suite) -> String {
        switch suite {
        case .security: "\(codename)-security"
        case .updates: "\(codename)-updates"
        case .release: codename
        }
    }

    /// Which suite an archive suite name is, for this release.
    public func suite(named name: String) -> Suite? {
        Suite.allCases.first { self.name(of: $0) == name }
    }

    public var description: String { codename }
}
