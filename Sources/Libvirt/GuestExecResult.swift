import Foundation

/// How a guest command ended, and what it printed.
public struct GuestExecResult: Sendable, Equatable {
    /// The exit status, or nil when it was killed by a signal or timed out.
    public var exitCode: Int?
    /// The signal that ended it, if one did.
    public var signal: Int?
    /// True when the harness stopped waiting at the command's timeout (and killed it).
    public var timedOut: Bool
    public var stdout: Data
    public var stderr: Data
    /// Total bytes each stream produced; larger than `stdout.count` when output was cut to the kept size.
    public var stdoutBytes: Int
    public var stderrBytes: Int
    public var duration: Duration

    public init(
        exitCode: Int?, signal: Int? = nil, timedOut: Bool = false, stdout: Data = Data(), stderr: Data = Data(),
        stdoutBytes: Int? = nil, stderrBytes: Int? = nil, duration: Duration = .zero
    ) {
        self.exitCode = exitCode
        self.signal = signal
        self.timedOut = timedOut
        self.stdout = stdout
        self.stderr = stderr
        self.stdoutBytes = stdoutBytes ?? stdout.count
        self.stderrBytes = stderrBytes ?? stderr.count
        self.duration = duration
    }

    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    public var stdoutTruncated: Bool { stdoutBytes > stdout.count }
    public var stderrTruncated: Bool { stderrBytes > stderr.count }
}
