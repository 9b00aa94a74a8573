import Foundation

extension GuestAgent {
    private struct ExecStarted: Decodable { let pid: Int }

    private struct ExecStatus: Decodable {
        let exited: Bool
        let exitcode: Int?
        let signal: Int?
        let outData: String?
        let errData: String?
        enum CodingKeys: String, CodingKey {
            case exited, exitcode, signal
            case outData = "out-data"
            case errData = "err-data"
        }
    }

    /// Runs a command in the guest (`guest-exec`, then `guest-exec-status` until it exits) and enforces
    /// its timeout: past it, the process group is killed and the result says `timedOut`. One operation
    /// on the `OperationTimeline`, from `guest-exec` until the output is read.
    public func exec(_ command: GuestCommand) async throws -> GuestExecResult {
        let clock = ContinuousClock()
        let start = clock.now
        let slot = command.isRoutedThroughFiles ? OutputSlots.shared.acquire(domain.uuid) : nil
        defer { if let slot { OutputSlots.shared.release(domain.uuid, slot) } }
        let directory = slot == nil ? GuestOutputDirectory.fallback : await outputDirectory()
        let attempt: (WrapperShell) async throws -> (GuestExecResult, UnsavedOutput?) = { shell in
            let files = slot.map { GuestOutputFiles(command: command, slot: $0, shell: shell, directory: directory) }
            return try await OperationTimeline.shared.operation("agent", "guest command") {
                try await run(command, files: files, deadline: start + command.timeout)
            }
        }
        let shell = slot == nil ? WrapperShell.posix : await wrapperShell()
        let ran: GuestExecResult, unsaved: UnsavedOutput?
        do {
            (ran, unsaved) = try await attempt(shell)
        } catch let error as LibvirtError where shell == .busybox && Self.couldNotStart(WrapperShell.busybox.path, error) {
            // busybox went away since the probe (a patch removed it): nothing was started, so
            // starting the command through /bin/sh now cannot run it twice.
            WrapperShell.known[domain.uuid] = .posix
            (ran, unsaved) = try await attempt(.posix)
        }
        var result = ran
        if let unsaved {
            try unsaved.stdout.write(to: URL(fileURLWithPath: unsaved.sink + "/stdout"))
            try unsaved.stderr.write(to: URL(fileURLWithPath: unsaved.sink + "/stderr"))
        }
        result.duration = clock.now - start
        return result
    }

    /// Output that came inline and still has to be written to the command's host sink: kept out of
    /// the guest operation, as writing host logs is the harness's own work.
    private struct UnsavedOutput {
        let stdout: Data
        let stderr: Data
        let sink: String
    }

    /// The guest side of `exec`: start, poll until exit (or kill at the deadline), read the output.
    private func run(
        _ command: GuestCommand, files: GuestOutputFiles?,
        deadline: ContinuousClock.Instant
    ) async throws -> (GuestExecResult, UnsavedOutput?) {
        var arguments: [String: Any] = [
            "path": files?.wrapperPath ?? command.path,
            "arg": files?.wrapperArguments ?? command.arguments,
            "capture-output": true,
        ]
        if let environment = command.environment { arguments["env"] = environment }
        if let input = command.input { arguments["input-data"] = input.base64EncodedString() }
        let pid = try await call("guest-exec", arguments, as: ExecStarted.self).pid

        var status = try await pollStatus(pid: pid, until: deadline)
        var timedOut = false
        if status == nil {
            timedOut = true
            try await kill(pid: pid)
            status = try await pollStatus(pid: pid, until: .now + .seconds(5))
        }
        var result = GuestExecResult(exitCode: timedOut ? nil : status?.exitcode, signal: status?.signal, timedOut: timedOut)
        let inlineOut = status?.outData.flatMap { Data(base64Encoded: $0) } ?? Data()
        let inlineErr = status?.errData.flatMap { Data(base64Encoded: $0) } ?? Data()
        var unsaved: UnsavedOutput?
        if let files, case let .viaGuestFiles(keep, sink) = command.output {
            if !timedOut, inlineOut.count <= GuestOutputFiles.inlineLimit, inlineErr.count <= GuestOutputFiles.inlineLimit {
                // The usual case: the wrapper printed everything; its files are reused by the next command.
                result.stdout = inlineOut.prefix(keep)
                result.stderr = inlineErr.prefix(keep)
                result.stdoutBytes = inlineOut.count
                result.stderrBytes = inlineErr.count
                unsaved = sink.map { UnsavedOutput(stdout: inlineOut, stderr: inlineErr, sink: $0) }
            } else {
                // Big output (or a killed command): the files hold it all; read them back in chunks.
                (result.stdout, result.stdoutBytes) = try await collect(files.stdoutPath, keep: keep, sink: sink.map { $0 + "/stdout" })
                (result.stderr, result.stderrBytes) = try await collect(files.stderrPath, keep: keep, sink: sink.map { $0 + "/stderr" })
            }
        } else {
            result.stdout = inlineOut
            result.stderr = inlineErr
            result.stdoutBytes = inlineOut.count
            result.stderrBytes = inlineErr.count
        }
        return (result, unsaved)
    }

    /// The wrapper shell of this domain, probing it on first use (see `WrapperShell`). Anything but
    /// the exact answer means `/bin/sh`: slower, never wrong. A probe the agent did not answer is
    /// asked again next time rather than remembered.
    private func wrapperShell() async -> WrapperShell {
        if let known = WrapperShell.known[domain.uuid] { return known }
        let probe = GuestCommand(
            path: WrapperShell.busybox.path, arguments: ["sh", "-c", WrapperShell.probeScript],
            timeout: .seconds(30))
        let shell: WrapperShell
        do {
            let answer = try await run(probe, files: nil, deadline: .now + probe.timeout).0
            shell = answer.exitCode == 0 && answer.stdout == Data(WrapperShell.probeAnswer.utf8) ? .busybox : .posix
        } catch let error as LibvirtError where Self.couldNotStart(WrapperShell.busybox.path, error) {
            shell = .posix
        } catch {
            return .posix
        }
        WrapperShell.known[domain.uuid] = shell
        return shell
    }

    /// Where this domain's output files go, asked once (see `GuestOutputDirectory`). A guest that does
    /// not answer the question keeps `/tmp` for now and is asked again next time.
    private func outputDirectory() async -> String {
        if let known = GuestOutputDirectory.known[domain.uuid] { return known }
        let probe = GuestCommand(path: "/bin/sh", arguments: ["-c", GuestOutputDirectory.probeScript], timeout: .seconds(30))
        guard let answer = try? await run(probe, files: nil, deadline: .now + probe.timeout).0, answer.exitCode == 0 else {
            return GuestOutputDirectory.fallback
        }
        let directory = GuestOutputDirectory.directory(fromProbe: answer.stdout)
        GuestOutputDirectory.known[domain.uuid] = directory
        return directory
    }

    /// The agent's own refusal of `guest-exec` because `path` could not be started (glib's message,
    /// from the guest): the only failure of `guest-exec` after which no process can be running.
    private static func couldNotStart(_ path: String, _ error: LibvirtError) -> Bool {
        error.code == .internalError && error.message.contains("Failed to execute child process") && error.message.contains(path)
    }

    /// Polls `guest-exec-status` with a short back-off until the process exits (its status, which the
    /// agent reaps on this read) or `deadline` passes (nil).
    private func pollStatus(pid: Int, until deadline: ContinuousClock.Instant) async throws -> ExecStatus? {
        var pause = Duration.milliseconds(1)
        while true {
            let status = try await call("guest-exec-status", ["pid": pid], as: ExecStatus.self)
            if status.exited { return status }
            let now = ContinuousClock.now
            if now >= deadline { return nil }
            try await Task.sleep(for: min(pause, deadline - now))
            pause = min(pause * 2, .milliseconds(100))
        }
    }

    /// Kills the process and everything it started: stops it, walks /proc for its descendants
    /// (stopping each so none can fork away or be orphaned), then kills them all. Only runs at a
    /// timeout, so the hot path pays nothing for it.
    private func kill(pid: Int) async throws {
        let script = """
            kill -STOP \(pid) 2>/dev/null; all=\(pid); todo=\(pid)
            while [ -n "$todo" ]; do
              next=""
              for q in $todo; do
                for c in $(grep -ls "^PPid:[[:space:]]*$q\\$" /proc/[0-9]*/status | cut -d/ -f3); do
                  kill -STOP "$c" 2>/dev/null; next="$next $c"
                done
              done
              all="$all$next"; todo=$next
            done
            kill -KILL $all 2>/dev/null; true
            """
        let killer = try await call("guest-exec", ["path": "/bin/sh", "arg": ["-c", script]], as: ExecStarted.self).pid
        _ = try await pollStatus(pid: killer, until: .now + .seconds(10))
    }

    private func collect(_ path: String, keep: Int, sink: String?) async throws -> (Data, Int) {
        var kept = Data()
        var total = 0
        let sinkHandle = try sink.map { path -> FileHandle in
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            guard let handle = FileHandle(forWritingAtPath: path) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
            return handle
        }
        defer { try? sinkHandle?.close() }
        try await readFile(path) { chunk in
            total += chunk.count
            if kept.count < keep { kept.append(chunk.prefix(keep - kept.count)) }
            try sinkHandle?.write(contentsOf: chunk)
        }
        return (kept, total)
    }
}

/// Where a command routed through guest files writes, and the shell wrapper that sends it there.
///
/// The command's output goes to two files, so no size can break the agent's reply. The wrapper then
/// prints at most one byte past `inlineLimit` of each: output within the limit arrives complete with
/// the exit status in one round trip; past it, the caller reads the files back in chunks. The files
/// belong to a slot (see `OutputSlots`) and are simply overwritten by the slot's next command, so the
/// hot path runs no `stat` or `rm`: a trivial command costs one shell start more than a bare
/// `guest-exec` (a static one where the guest has it, see `WrapperShell`).
struct GuestOutputFiles {
    /// Safely below libvirt's 4 MiB reply cap once both streams are base64-encoded.
    static let inlineLimit = 1 << 20

    let stdoutPath: String
    let stderrPath: String
    let shell: WrapperShell
    var wrapperPath: String { shell.path }
    let wrapperArguments: [String]

    init(command: GuestCommand, slot: Int, shell: WrapperShell, directory: String) {
        let stem = "\(directory)/.patchlab-exec-\(ProcessInfo.processInfo.processIdentifier)-\(slot)"
        stdoutPath = stem + ".out"
        stderrPath = stem + ".err"
        self.shell = shell
        let limit = Self.inlineLimit + 1
        // `[ -s ]` is a builtin: empty streams (the common case) cost no process at all.
        let script = """
            o=\(stdoutPath) e=\(stderrPath); \(Self.start(on: shell)) >"$o" 2>"$e"; s=$?
            [ -s "$o" ] && head -c \(limit) "$o"; [ -s "$e" ] && head -c \(limit) "$e" >&2
            exit $s
            """
        wrapperArguments = shell.leadingArguments + ["-c", script, command.path] + command.arguments
    }

    /// Starts `"$0" "$@"` as `guest-exec` would: found on `PATH`, and with `$0` as its `argv[0]`.
    /// Debian's static busybox prefers its own applets to programs on `PATH` for bare names, so there
    /// the wrapper looks the program up itself (builtins only) and starts it by path under its own
    /// name; a name found nowhere fails as in dash, with 127. One difference remains: a file with no
    /// `#!` line is run by busybox's sh where dash would run it with dash.
    private static func start(on shell: WrapperShell) -> String {
        switch shell {
        case .posix:
            return #""$0" "$@""#
        case .busybox:
            return #"""
                { set -f; case $0 in */*) p=$0 ;; *) p=; IFS=:; for d in $PATH; do [ -f "${d:-.}/$0" ] && [ -x "${d:-.}/$0" ] && { p=${d:-.}/$0; break; }; done; unset IFS ;; esac
                if [ -n "$p" ]; then (exec -a "$0" "$p" "$@"); else echo "sh: $0: not found" >&2; (exit 127); fi; }
                """#
        }
    }
}

extension GuestCommand {
    var isRoutedThroughFiles: Bool {
        if case .viaGuestFiles = output { return true }
        return false
    }
}
