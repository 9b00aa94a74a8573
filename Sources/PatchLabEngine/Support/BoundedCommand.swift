import Foundation

/// Runs a host program whose output is not trusted (ssh to a production host): its stdout and stderr
/// are kept only up to their limits, and it is killed — with every process it started — when it
/// passes a limit or its deadline. A hostile or broken peer can make it fail, never hang PatchLab
/// or fill its memory.
///
/// Started with `posix_spawn`, not Foundation's `Process`: Foundation learns that a child ended
/// when the child closes a socket it inherited, then blocks its one monitor thread in `waitpid`
/// for it. ssh closes every inherited descriptor as it starts, so under `Process` a running ssh
/// held up the reaping of every other program PatchLab started (seen: tests hung for minutes).
/// Here one thread polls the pipes, watches the deadline and reaps its own child.
package struct BoundedCommand: Sendable {
    package var path: String
    package var arguments: [String]
    /// Written to the program's stdin, which is then closed; nil gives it an empty stdin.
    package var input: Data?
    package var stdoutLimit: Int
    package var stderrLimit: Int
    package var timeout: Duration

    package init(
        path: String, arguments: [String], input: Data? = nil, stdoutLimit: Int, stderrLimit: Int = 1 << 20,
        timeout: Duration
    ) {
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

    /// A program that could not be started.
    package struct SpawnError: Error, CustomStringConvertible {
        package var path: String
        package var code: Int32
        package var description: String { "cannot start \(path): \(String(cString: strerror(code)))" }
    }

    /// Runs the program to its end, or kills it at a limit. Throws only when it cannot be started.
    package func run() async throws -> Finished {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Swift.Result { try self.runBlocking() })
            }
        }
    }

    /// A write to a pipe whose reader is gone raises SIGPIPE, which ends the process by default;
    /// the write then fails with EPIPE instead, which the loop handles.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    private func runBlocking() throws -> Finished {
        Self.ignoreBrokenPipes
        var stdinPipe: [Int32] = [-1, -1], stdoutPipe: [Int32] = [-1, -1], stderrPipe: [Int32] = [-1, -1]
        guard pipe(&stdinPipe) == 0, pipe(&stdoutPipe) == 0, pipe(&stderrPipe) == 0 else {
            let code = errno
            for fd in stdinPipe + stdoutPipe + stderrPipe where fd >= 0 { close(fd) }
            throw SpawnError(path: path, code: code)
        }
        // Not inherited by what other threads start (every child of this one closes them anyway).
        for fd in stdinPipe + stdoutPipe + stderrPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let pid: pid_t
        do {
            pid = try spawn(stdin: stdinPipe[0], stdout: stdoutPipe[1], stderr: stderrPipe[1])
        } catch {
            for fd in stdinPipe + stdoutPipe + stderrPipe { close(fd) }
            throw error
        }
        close(stdinPipe[0])
        close(stdoutPipe[1])
        close(stderrPipe[1])
        // Non-blocking writes, so a child that stops reading cannot stall the loop.
        _ = fcntl(stdinPipe[1], F_SETFL, fcntl(stdinPipe[1], F_GETFL) | O_NONBLOCK)
        return collect(pid: pid, stdin: stdinPipe[1], stdout: stdoutPipe[0], stderr: stderrPipe[0])
    }

    /// `posix_spawn` in a new process group (so the group can be killed), the pipes as 0, 1 and 2,
    /// every other descriptor closed in the child.
    private func spawn(stdin: Int32, stdout: Int32, stderr: Int32) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        for fd in Self.openDescriptors() where fd > 2 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        // The child starts with SIGPIPE back at its default, whatever this process does with it.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let code = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        guard code == 0 else { throw SpawnError(path: path, code: code) }
        return pid
    }

    /// True once the child has exited; it is left unreaped (WNOWAIT), so its process id, and with it
    /// its group's, cannot be given to another process before the group is killed.
    private func hasExited(_ pid: pid_t) -> Bool {
        var info = siginfo_t()
        return waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info._sifields._sigchld.si_pid == pid
    }

    /// The descriptors open in this process now (from /proc/self/fd).
    private static func openDescriptors() -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
    }

    /// One loop: write stdin, read both outputs within their limits, watch the deadline and the
    /// child's end; then kill what is left of its group and reap it.
    private func collect(pid: pid_t, stdin: Int32, stdout: Int32, stderr: Int32) -> Finished {
        var output = Data(), errors = Data()
        var input = self.input ?? Data()
        var stdinOpen = true, stdoutOpen = true, stderrOpen = true
        var timedOut = false, overflowed: String?, exited = false
        if input.isEmpty { close(stdin); stdinOpen = false }
        let deadline = ContinuousClock.now + timeout
        var buffer = [UInt8](repeating: 0, count: 65536)

        func kill() { _ = Glibc.kill(-pid, SIGKILL) }
        func read(_ fd: Int32, into data: inout Data, limit: Int, name: String) -> Bool {
            let count = Glibc.read(fd, &buffer, buffer.count)
            if count < 0 && (errno == EINTR || errno == EAGAIN) { return true }
            guard count > 0 else { return false }
            if data.count + count > limit {
                overflowed = overflowed ?? name
                return false
            }
            data.append(contentsOf: buffer[0..<count])
            return true
        }

        while (stdoutOpen || stderrOpen) && overflowed == nil {
            if ContinuousClock.now >= deadline { timedOut = true; break }
            var fds: [pollfd] = []
            if stdoutOpen { fds.append(pollfd(fd: stdout, events: Int16(POLLIN), revents: 0)) }
            if stderrOpen { fds.append(pollfd(fd: stderr, events: Int16(POLLIN), revents: 0)) }
            if stdinOpen { fds.append(pollfd(fd: stdin, events: Int16(POLLOUT), revents: 0)) }
            // At most 100 ms, so the deadline and a child that ended (while something it started
            // keeps the pipes open) are noticed.
            let ready = poll(&fds, nfds_t(fds.count), 100)
            if ready < 0 && errno != EINTR { break }
            for entry in fds where entry.revents != 0 {
                switch entry.fd {
                case stdout: stdoutOpen = read(stdout, into: &output, limit: stdoutLimit, name: "stdout")
                case stderr: stderrOpen = read(stderr, into: &errors, limit: stderrLimit, name: "stderr")
                default:
                    let written = input.withUnsafeBytes { Glibc.write(stdin, $0.baseAddress, min($0.count, 65536)) }
                    if written > 0 { input.removeFirst(written) }
                    if written < 0 && errno != EAGAIN && errno != EINTR || input.isEmpty {
                        close(stdin)
                        stdinOpen = false
                    }
                }
            }
            if !exited && hasExited(pid) {
                exited = true
                kill()
            }
        }
        // Both outputs closed: the program is ending; it still has until the deadline to exit.
        while !exited && !timedOut && overflowed == nil {
            if ContinuousClock.now >= deadline { timedOut = true; break }
            exited = hasExited(pid)
            if !exited { usleep(20_000) }
        }
        // What it started dies with it (its group can still be named: it is not reaped yet).
        kill()
        if stdinOpen { close(stdin) }
        close(stdout)
        close(stderr)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let killed = timedOut || overflowed != nil
        let exitStatus = (status & 0x7f) == 0 && !killed ? (status >> 8) & 0xff : nil
        return Finished(status: exitStatus, stdout: output, stderr: errors, timedOut: timedOut, overflowed: overflowed)
    }
}
