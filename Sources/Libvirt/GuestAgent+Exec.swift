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
    /// its timeout: past it, the process group is killed and the result says `timedOut`.
    public func exec(_ command: GuestCommand) async throws -> GuestExecResult {
        let clock = ContinuousClock()
        let start = clock.now
        let files = GuestOutputFiles(command: command)
        var arguments: [String: Any] = ["path": files?.wrapperPath ?? command.path,
                                        "arg": files?.wrapperArguments ?? command.arguments,
                                        "capture-output": true]
        if let environment = command.environment { arguments["env"] = environment }
        if let input = command.input { arguments["input-data"] = input.base64EncodedString() }
        let pid: Int
        do {
            pid = try await call("guest-exec", arguments, as: ExecStarted.self).pid
        } catch let error as LibvirtError where files != nil && error.message.contains("setsid") {
            // A guest without setsid: run the wrapper straight from sh; a timeout then kills less.
            arguments["path"] = "/bin/sh"
            arguments["arg"] = files!.shellArguments
            pid = try await call("guest-exec", arguments, as: ExecStarted.self).pid
        }

        var status = try await pollStatus(pid: pid, until: start + command.timeout)
        var timedOut = false
        if status == nil {
            timedOut = true
            try await kill(pid: pid)
            status = try await pollStatus(pid: pid, until: clock.now + .seconds(5))
        }
        var result = GuestExecResult(exitCode: timedOut ? nil : status?.exitcode, signal: status?.signal, timedOut: timedOut)
        let inlineOut = status?.outData.flatMap { Data(base64Encoded: $0) } ?? Data()
        let inlineErr = status?.errData.flatMap { Data(base64Encoded: $0) } ?? Data()
        if let files, case let .viaGuestFiles(keep, sink) = command.output {
            if !timedOut, inlineOut.count <= GuestOutputFiles.inlineLimit, inlineErr.count <= GuestOutputFiles.inlineLimit {
                // The usual case: the wrapper printed everything and removed its files.
                result.stdout = inlineOut.prefix(keep)
                result.stderr = inlineErr.prefix(keep)
                result.stdoutBytes = inlineOut.count
                result.stderrBytes = inlineErr.count
                if let sink {
                    try inlineOut.write(to: URL(fileURLWithPath: sink + "/stdout"))
                    try inlineErr.write(to: URL(fileURLWithPath: sink + "/stderr"))
                }
            } else {
                // Big output (or a killed command): the files hold it all; read them back in chunks.
                (result.stdout, result.stdoutBytes) = try await collect(files.stdoutPath, keep: keep, sink: sink.map { $0 + "/stdout" })
                (result.stderr, result.stderrBytes) = try await collect(files.stderrPath, keep: keep, sink: sink.map { $0 + "/stderr" })
                try await removeQuietly(files.stdoutPath, files.stderrPath)
            }
        } else {
            result.stdout = inlineOut
            result.stderr = inlineErr
            result.stdoutBytes = inlineOut.count
            result.stderrBytes = inlineErr.count
        }
        result.duration = clock.now - start
        return result
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

    /// Kills the process and its process group (commands routed through files lead their own group,
    /// see `GuestOutputFiles`; for others the group kill finds nothing). dash's `kill` refuses `--`.
    private func kill(pid: Int) async throws {
        let script = "kill -KILL -\(pid) 2>/dev/null; kill -KILL \(pid) 2>/dev/null; true"
        let killer = try await call("guest-exec", ["path": "/bin/sh", "arg": ["-c", script]], as: ExecStarted.self).pid
        _ = try await pollStatus(pid: killer, until: .now + .seconds(5))
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

    private func removeQuietly(_ paths: String...) async throws {
        let pid = try await call("guest-exec", ["path": "/bin/rm", "arg": ["-f"] + paths], as: ExecStarted.self).pid
        _ = try await pollStatus(pid: pid, until: .now + .seconds(5))
    }
}

/// Where a command routed through guest files writes, and the shell wrapper that sends it there.
///
/// The command's output goes to two files, so no size can break the agent's reply. When both are
/// small (at most `inlineLimit` bytes) the wrapper prints them and removes the files, so the result
/// arrives with the exit status in one round trip; when either is bigger it prints one byte past the
/// limit (which tells the caller to read the files back in chunks) and leaves them.
struct GuestOutputFiles {
    /// Safely below libvirt's 4 MiB reply cap once both streams are base64-encoded.
    static let inlineLimit = 1 << 20

    let stdoutPath: String
    let stderrPath: String
    /// qemu-ga leaves its children in its own process group; started through setsid (in place: it
    /// is not a group leader) the wrapper and the command get a group of their own that a timeout
    /// can kill whole.
    let wrapperPath = "setsid"
    let wrapperArguments: [String]
    /// The same without setsid, for guests that lack it.
    let shellArguments: [String]

    init?(command: GuestCommand) {
        guard case .viaGuestFiles = command.output else { return nil }
        let id = UUID().uuidString.lowercased()
        stdoutPath = "/tmp/.patchlab-\(id).out"
        stderrPath = "/tmp/.patchlab-\(id).err"
        let limit = Self.inlineLimit
        // Empty streams (the common case) cost no extra process; `$1`/`$2` are the two sizes.
        let script = """
        o=\(stdoutPath) e=\(stderrPath); "$0" "$@" >"$o" 2>"$e"; s=$?
        set -- $(stat -c %s "$o" "$e")
        if [ "$1" -le \(limit) ] && [ "$2" -le \(limit) ]; then
          [ "$1" -gt 0 ] && cat "$o"; [ "$2" -gt 0 ] && cat "$e" >&2; rm -f "$o" "$e"
        else
          head -c \(limit + 1) "$o"; head -c \(limit + 1) "$e" >&2
        fi
        exit $s
        """
        shellArguments = ["-c", script, command.path] + command.arguments
        wrapperArguments = ["/bin/sh"] + shellArguments
    }
}
