import Foundation

/// Runs a host program whose output is not trusted (ssh to a production host): its stdout and stderr
/// are kept only up to their limits, and it is killed — with every process it started — when it
/// passes a limit or its deadline. A hostile or broken peer can make it fail, never hang PatchLab
/// or fill its memory.
package struct BoundedCommand: Sendable {
    package var path: String
    package var arguments: [String]
    /// Written to the program's stdin, which is then closed; nil gives it an empty stdin.
    package var input: Data?
    package var stdoutLimit: Int
    package var stderrLimit: Int
    package var timeout: Duration

    package init(path: String, arguments: [String], input: Data? = nil, stdoutLimit: Int, stderrLimit: Int = 1 << 20,
                 timeout: Duration) {
        self.path = path
        self.arguments = arguments
        self.input = input
        self.stdoutLimit = stdoutLimit
        self.stderrLimit = stderrLimit
        self.timeout = timeout
    }

    package struct Finished: Sendable {
        /// The exit status; nil when it was killed (``timedOut`` or ``overflowed``) or died by a signal.
        package var status: Int32?
        package var stdout: Data
        package var stderr: Data
        package var timedOut: Bool
        /// `stdout` or `stderr` when that stream passed its limit (the program was then killed).
        package var overflowed: String?
    }

    /// Runs the program to its end, or kills it at a limit. Throws only when it cannot be started.
    package func run() async throws -> Finished {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Swift.Result { try self.runBlocking() })
            }
        }
    }

    private final class Collected: @unchecked Sendable {
        let lock = NSLock()
        var stdout = Data()
        var stderr = Data()
        var timedOut = false
        var overflowed: String?
        var ended = false
    }

    /// A write to a pipe whose reader is gone raises SIGPIPE, which ends the process by default.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    private func runBlocking() throws -> Finished {
        Self.ignoreBrokenPipes
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        let outcome = Collected()
        try process.run()
        // Foundation starts the child as the leader of its own process group: killing the group
        // also stops what it started (an ssh ProxyCommand, a jump host's ssh).
        let group = process.processIdentifier
        let kill: @Sendable () -> Void = { _ = Glibc.kill(-group, SIGKILL) }

        let readers = DispatchGroup()
        for (pipe, limit, name) in [(out, stdoutLimit, "stdout"), (err, stderrLimit, "stderr")] {
            readers.enter()
            let handle = pipe.fileHandleForReading
            Thread.detachNewThread {
                defer { readers.leave() }
                var buffer = [UInt8](repeating: 0, count: 65536)
                while true {
                    let count = read(handle.fileDescriptor, &buffer, buffer.count)
                    if count < 0 && errno == EINTR { continue }
                    guard count > 0 else { return }
                    outcome.lock.lock()
                    let total = (name == "stdout" ? outcome.stdout.count : outcome.stderr.count) + count
                    if total > limit {
                        if outcome.overflowed == nil { outcome.overflowed = name }
                        outcome.lock.unlock()
                        kill()
                        return
                    }
                    if name == "stdout" { outcome.stdout.append(contentsOf: buffer[0..<count]) } else {
                        outcome.stderr.append(contentsOf: buffer[0..<count])
                    }
                    outcome.lock.unlock()
                }
            }
        }
        let input = self.input ?? Data()
        Thread.detachNewThread {
            // A program that exits without reading its stdin (ssh refusing a host key) makes this
            // write fail with EPIPE; SIGPIPE is ignored (``ignoreBrokenPipes``) so that is all it does.
            let handle = inPipe.fileHandleForWriting
            try? handle.write(contentsOf: input)
            try? handle.close()
        }
        let deadline = DispatchTime.now() + .nanoseconds(Int(timeout.components.seconds) * 1_000_000_000
            + Int(timeout.components.attoseconds / 1_000_000_000))
        DispatchQueue.global().asyncAfter(deadline: deadline) {
            outcome.lock.lock()
            let running = !outcome.ended
            if running { outcome.timedOut = true }
            outcome.lock.unlock()
            if running { kill() }
        }
        process.waitUntilExit()
        outcome.lock.lock()
        outcome.ended = true
        outcome.lock.unlock()
        // What the program started may still hold the pipes open; they are no longer wanted.
        kill()
        readers.wait()
        outcome.lock.lock()
        defer { outcome.lock.unlock() }
        let killed = outcome.timedOut || outcome.overflowed != nil
        let status = process.terminationReason == .exit && !killed ? process.terminationStatus : nil
        return Finished(status: status, stdout: outcome.stdout, stderr: outcome.stderr, timedOut: outcome.timedOut,
                      overflowed: outcome.overflowed)
    }
}
