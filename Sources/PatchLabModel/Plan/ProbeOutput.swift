import Foundation

/// What one guest command gave back: the raw material every ``Expectation`` is judged on.
///
/// The runner fills it from a check step (for exit/stdout/stderr/json/number matchers) or from the
/// expectation's own ``Expectation/probe`` (for file/service/package/port/http matchers).
public struct ProbeOutput: Sendable, Hashable, Codable {
    public var exitCode: Int
    public var stdout: Data
    public var stderr: Data

    public init(exitCode: Int, stdout: Data = Data(), stderr: Data = Data()) {
        self.exitCode = exitCode
        self.stdout = stdout
        self.stderr = stderr
    }

    /// From text, for tests and fakes.
    public init(exitCode: Int, stdout: String, stderr: String = "") {
        self.init(exitCode: exitCode, stdout: Data(stdout.utf8), stderr: Data(stderr.utf8))
    }

    /// Stdout as text; invalid UTF-8 becomes U+FFFD, because a guest may print anything.
    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }

    /// Stderr as text, like ``stdoutText``.
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }

    /// One stream as text.
    public func text(of stream: StandardStream) -> String {
        stream == .stdout ? stdoutText : stderrText
    }
}
