/// What a `package` matcher asks of the installed version, compared with dpkg's ordering
/// (``DebianVersion``).
public enum VersionMatcher: Sendable, Hashable, Codable {
    /// Installed, at any version (`package: {name: x}`).
    case installed
    /// Exactly this version (`version:`), equal in dpkg's sense.
    case equals(DebianVersion)
    /// `newer_than:`: strictly greater.
    case newerThan(DebianVersion)
    /// `older_than:`: strictly less.
    case olderThan(DebianVersion)
    /// `at_least:`: greater or equal.
    case atLeast(DebianVersion)

    /// The plan keys, in the order messages list them.
    static let keys = ["version", "newer_than", "older_than", "at_least"]

    public func matches(_ installed: DebianVersion) -> Bool {
        switch self {
        case .installed: return true
        case let .equals(version): return installed == version
        case let .newerThan(version): return installed > version
        case let .olderThan(version): return installed < version
        case let .atLeast(version): return installed >= version
        }
    }

    /// Completes "package nginx-light …": "is installed", "is at version 1.22.1-9".
    public var description: String {
        switch self {
        case .installed: return "is installed"
        case let .equals(version): return "is at version \(version)"
        case let .newerThan(version): return "is newer than \(version)"
        case let .olderThan(version): return "is older than \(version)"
        case let .atLeast(version): return "is at version \(version) or newer"
        }
    }
}
