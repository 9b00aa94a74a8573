/// One expected result of a test case: all of a case's expectations must hold for it to pass.
///
/// Two kinds, and the runner treats them alike through ``probe`` and
/// ``evaluate(probeOutput:)``:
/// - **output matchers** (`exit`, `stdout`, `stderr`, `json`, `number`) judge the case's check
///   command; their ``probe`` is nil.
/// - **guest-fact matchers** (`file`, `service`, `package`, `port`, `http`) judge a fact of the
///   guest; their ``probe`` is the guest command that gathers it.
///
/// Judging is pure: given the output, ``evaluate(probeOutput:)`` decides, so every matcher is
/// tested without a VM.
public enum Expectation: Sendable, Hashable, Codable {
    /// `exit:` the check command's exit status.
    case exit(ExitMatcher, location: SourceLocation = .wholeFile("<code>"))
    /// `stdout:` the check command's standard output.
    case stdout(TextMatcher, location: SourceLocation = .wholeFile("<code>"))
    /// `stderr:` the check command's standard error.
    case stderr(TextMatcher, location: SourceLocation = .wholeFile("<code>"))
    /// `json:` the value at `path` in the check command's stdout, read as JSON.
    case json(path: JSONPath, matcher: JSONValueMatcher, location: SourceLocation = .wholeFile("<code>"))
    /// `number:` the first number in one stream of the check command is within `min...max` (either
    /// bound may be absent, not both).
    case number(from: StandardStream, min: Double?, max: Double?, location: SourceLocation = .wholeFile("<code>"))
    /// `file:` a guest file exists (or, with `exists: false`, does not), optionally with a SHA-256
    /// (lowercase hex) and containing a line of text.
    case file(
        path: String, exists: Bool, sha256: String?, contains: String?,
        location: SourceLocation = .wholeFile("<code>"))
    /// `service:` a systemd unit's active state, and optionally whether it is enabled at boot.
    case service(name: String, state: ServiceState, enabled: Bool?, location: SourceLocation = .wholeFile("<code>"))
    /// `package:` a Debian package is installed, at a version (dpkg's ordering).
    case package(name: String, version: VersionMatcher, location: SourceLocation = .wholeFile("<code>"))
    /// `port:` a port is (or is not) listening inside the guest, on any address.
    case port(number: Int, protocol: PortProtocol, listening: Bool, location: SourceLocation = .wholeFile("<code>"))
    /// `http:` a GET of `url` from inside the guest answers `status`, and the body matches `body`.
    case http(url: String, status: Int, body: TextMatcher?, location: SourceLocation = .wholeFile("<code>"))

    /// The matchers a plan may use under `expect:`, in the order messages list them.
    public static let matcherNames = [
        "exit", "stdout", "stderr", "json", "number",
        "file", "service", "package", "port", "http",
    ]

    /// Where the matcher is written in the plan.
    public var location: SourceLocation {
        switch self {
        case let .exit(_, location), let .stdout(_, location), let .stderr(_, location),
            let .json(_, _, location), let .number(_, _, _, location), let .file(_, _, _, _, location),
            let .service(_, _, _, location), let .package(_, _, location), let .port(_, _, _, location),
            let .http(_, _, _, location):
            return location
        }
    }

    /// The plan key of the matcher (`stdout`, `package`), for reports that group by kind.
    public var matcherName: String {
        switch self {
        case .exit: return "exit"
        case .stdout: return "stdout"
        case .stderr: return "stderr"
        case .json: return "json"
        case .number: return "number"
        case .file: return "file"
        case .service: return "service"
        case .package: return "package"
        case .port: return "port"
        case .http: return "http"
        }
    }
}
