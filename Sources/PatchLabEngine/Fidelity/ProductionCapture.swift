import Foundation
import PatchLabModel

/// Takes a production host's fingerprint with the same read-only probe the labs use, over the
/// system's OpenSSH client (so `~/.ssh/config`, jump hosts and agents work as they do for the
/// operator), or from the probe's output carried over by hand. Nothing is ever changed on the host.
///
/// The host's answer is treated as hostile: ssh runs in batch mode (no prompt can hang it) under a
/// deadline, its output is capped and every line is parsed strictly; the host key is read from
/// ssh's own log, never from anything the host prints.
public struct ProductionCapture: Sendable {
    /// The probe: the default fingerprint with package origins.
    public var spec: FingerprintSpec
    /// `-o OPTION` for ssh, before PatchLab's own, so the operator's win (ssh keeps the first value).
    public var sshOptions: [String]
    /// `-F FILE` for ssh.
    public var sshConfig: String?
    public var timeout: Duration
    /// The most probe output accepted (a host with 3,000 packages and 30,000 files prints ~5 MiB).
    public var outputLimit: Int
    public var sshPath: String

    public static let defaultSpec = FingerprintSpec(origins: true)

    public init(
        spec: FingerprintSpec = ProductionCapture.defaultSpec, sshOptions: [String] = [], sshConfig: String? = nil,
        timeout: Duration = .seconds(300), outputLimit: Int = 64 << 20, sshPath: String = "/usr/bin/ssh"
    ) {
        self.spec = spec
        self.sshOptions = sshOptions
        self.sshConfig = sshConfig
        self.timeout = timeout
        self.outputLimit = outputLimit
        self.sshPath = sshPath
    }

    /// Runs the probe on `host` (an ssh destination) and makes the record `name`; `copy` lists
    /// watched files whose contents are copied too (each checked against the fingerprint's digest).
    public func capture(host: String, name: String, copy: [String] = []) async throws -> ProductionRecord {
        try Self.check(name: name, host: host)
        let run = try await ssh(host, script: spec.probeScript)
        let fingerprint = try parse(run.stdout, name: name, source: host)
        let copied = try await copyFiles(copy, from: host, fingerprint: fingerprint, hostKey: run.hostKey)
        return ProductionRecord(
            name: name, host: host, capturedAt: Date(), capturedBy: OperatorIdentity.current,
            capturedOn: ProcessInfo.processInfo.hostName, method: .ssh, hostKey: run.hostKey,
            probeSHA256: try Self.digest(of: spec.probeScript), spec: spec,
            fingerprint: fingerprint, copiedFiles: copied)
    }

    /// Makes the record `name` from the output of `production probe-script` run on a host that
    /// cannot be reached, read from `file`.
    public func importOutput(from file: String, name: String) throws -> ProductionRecord {
        guard ProductionName.isValid(name) else { throw ProductionStoreError.invalidName(name) }
        guard let data = try ProductionStore.boundedRead(file, limit: outputLimit) else {
            throw CaptureError.outputTooLarge(host: file, limit: outputLimit)
        }
        let fingerprint = try parse(data, name: name, source: file)
        return ProductionRecord(
            name: name, host: file, capturedAt: Date(), capturedBy: OperatorIdentity.current,
            capturedOn: ProcessInfo.processInfo.hostName, method: .file, hostKey: nil,
            probeSHA256: try Self.digest(of: spec.probeScript), spec: spec,
            fingerprint: fingerprint)
    }

    /// The probe's digest, worked out once per probe in a process: capturing a fleet runs the same
    /// probe on every host.
    static func digest(of probe: String) throws -> String {
        if let known = ProbeDigests.shared.digest(of: probe) { return known }
        let digest = try FileDigest.sha256(of: Data(probe.utf8))
        ProbeDigests.shared.remember(digest, of: probe)
        return digest
    }

    /// Digests of the probes this process has run, shared between captures.
    private final class ProbeDigests: @unchecked Sendable {
        static let shared = ProbeDigests()
        private let lock = NSLock()
        private var digests: [String: String] = [:]
        func digest(of probe: String) -> String? { lock.withLock { digests[probe] } }
        func remember(_ digest: String, of probe: String) { lock.withLock { digests[probe] = digest } }
    }

    // MARK: ssh

    struct SSHRun {
        var stdout: Data
        var hostKey: String?
    }

    /// The ssh command line: the operator's options first, then batch mode (never a prompt), a
    /// connect deadline, no terminal, and a debug log (`-v -E`) that names the host key. The
    /// script goes in on stdin to `/bin/sh -s`, whatever the login shell.
    func sshArguments(_ host: String, log: String) -> [String] {
        var arguments: [String] = []
        if let sshConfig { arguments += ["-F", sshConfig] }
        for option in sshOptions { arguments += ["-o", option] }
        arguments += ["-o", "BatchMode=yes", "-o", "ConnectTimeout=30", "-T", "-v", "-E", log, "--", host, "/bin/sh -s"]
        return arguments
    }

    func ssh(_ host: String, script: String) async throws -> SSHRun {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("patchlab-ssh-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(
            atPath: scratch, withIntermediateDirectories: false,
            attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let log = scratch + "/ssh.log"
        let command = BoundedCommand(
            path: sshPath, arguments: sshArguments(host, log: log), input: Data(script.utf8),
            stdoutLimit: outputLimit, stderrLimit: 1 << 20, timeout: timeout)
        let finished: BoundedCommand.Finished
        do {
            finished = try await command.run()
        } catch {
            throw CaptureError.sshNotStarted(path: sshPath, detail: "\(error)")
        }
        let logText = Self.readCapped(log, limit: 1 << 20)
        if finished.timedOut { throw CaptureError.timedOut(host: host, seconds: Int(timeout.components.seconds)) }
        if finished.overflowed == "stdout" { throw CaptureError.outputTooLarge(host: host, limit: outputLimit) }
        if finished.overflowed == "stderr" { throw CaptureError.probeFailed(host: host, status: nil, detail: "more than 1 MiB on stderr") }
        let stderr = String(decoding: finished.stderr, as: UTF8.self)
        if finished.status == 255 || finished.status == nil {
            throw CaptureError.sshFailed(host: host, status: finished.status, detail: Self.sshProblem(log: logText, stderr: stderr))
        }
        guard finished.status == 0 else {
            throw CaptureError.probeFailed(host: host, status: finished.status, detail: Self.lastLines(stderr))
        }
        return SSHRun(stdout: finished.stdout, hostKey: Self.hostKey(inLog: logText))
    }

    /// `ssh-ed25519 SHA256:…` from ssh's `debug1: Server host key: …` line: printed by the client
    /// during key exchange, before the host runs anything.
    static func hostKey(inLog log: String) -> String? {
        let marker = "debug1: Server host key: "
        // ssh ends its log lines with "\r\n", one Character in Swift.
        guard let line = log.split(whereSeparator: \.isNewline).first(where: { $0.hasPrefix(marker) }) else { return nil }
        let key = String(line.dropFirst(marker.count)).trimmingCharacters(in: .whitespaces)
        return ProductionRecord.isHostKey(key) ? key : nil
    }

    /// What ssh said went wrong: its log without the debug chatter, then the host's stderr.
    static func sshProblem(log: String, stderr: String) -> String {
        let said = log.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("debug") && !$0.hasPrefix("OpenSSH_") }.map(String.init)
        return lastLines((said + [stderr]).joined(separator: "\n"))
    }

    /// The last lines of a program's complaint, at most 2,000 characters, control characters as `?`.
    static func lastLines(_ text: String) -> String {
        let lines = text.split(whereSeparator: \.isNewline).suffix(8).joined(separator: "\n")
        let cut = lines.count > 2000 ? String(lines.suffix(2000)) : lines
        return String(
            String.UnicodeScalarView(
                cut.unicodeScalars.map {
                    $0.properties.generalCategory == .control && $0 != "\n" ? "?" : $0
                }))
    }

    static func readCapped(_ path: String, limit: Int) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        return String(decoding: (try? handle.read(upToCount: limit)) ?? Data(), as: UTF8.self)
    }

    private func parse(_ data: Data, name: String, source: String) throws -> Fingerprint {
        let text = String(decoding: data, as: UTF8.self)
        do {
            let fingerprint = try Fingerprint.parse(probeOutput: text, machine: name)
            if fingerprint.packages.isEmpty && fingerprint.files.isEmpty && fingerprint.services.isEmpty {
                throw CaptureError.emptyFingerprint(host: source)
            }
            return fingerprint
        } catch let error as FingerprintParseError {
            throw CaptureError.malformedOutput(host: source, error: error)
        }
    }

    static func check(name: String, host: String) throws {
        guard ProductionName.isValid(name) else { throw ProductionStoreError.invalidName(name) }
        // An ssh destination starting with '-' would be read as an option.
        guard !host.isEmpty, !host.hasPrefix("-"), !host.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            throw CaptureError.invalidHost(host)
        }
    }

    // MARK: copied files

    /// Watched files copied on purpose, through a second ssh run that prints each as base64 after
    /// its size; each must be at most 1 MiB and hash to the digest the fingerprint holds.
    private func copyFiles(_ paths: [String], from host: String, fingerprint: Fingerprint, hostKey: String?) async throws -> [CopiedFile] {
        guard !paths.isEmpty else { return [] }
        for path in paths where fingerprint.files[path] == nil {
            throw CaptureError.copyRefused(
                path: path,
                reason: "not a watched file of the fingerprint (only watched files can be copied, and checked against their digest)")
        }
        let script =
            "LC_ALL=C\nexport LC_ALL\nfor p in "
            + paths.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
            + "; do\n  if [ -f \"$p\" ] && [ -r \"$p\" ] && [ \"$(wc -c < \"$p\")\" -le \(CopiedFile.maximumSize) ]; then echo @@file; base64 < \"$p\"\n"
            + "  else echo @@skipped; fi\ndone\n"
        let run = try await ssh(host, script: script)
        // A second connection: with host-key checking relaxed by an --ssh-option it could reach
        // another machine, and the record names one host key for all it holds.
        guard run.hostKey == hostKey else {
            throw CaptureError.copyRefused(
                path: paths.joined(separator: ", "),
                reason:
                    "the host answered the copy with another host key (\(run.hostKey ?? "none")) than the probe's (\(hostKey ?? "none"))")
        }
        let sections = String(decoding: run.stdout, as: UTF8.self).components(separatedBy: "@@")
            .dropFirst().map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard sections.count == paths.count else {
            throw CaptureError.copyRefused(
                path: paths.joined(separator: ", "), reason: "the host answered \(sections.count) files for \(paths.count)")
        }
        var copied: [CopiedFile] = []
        for (path, section) in zip(paths, sections) {
            guard section.hasPrefix("file"),
                let content = Data(base64Encoded: String(section.dropFirst(4)), options: .ignoreUnknownCharacters)
            else {
                throw CaptureError.copyRefused(
                    path: path, reason: "not a readable regular file of at most \(CopiedFile.maximumSize >> 20) MiB on the host")
            }
            let digest = try FileDigest.sha256(of: content)
            guard digest == fingerprint.files[path] else {
                throw CaptureError.copyRefused(
                    path: path,
                    reason:
                        "its content (sha256 \(digest.prefix(12))…) is not the file the fingerprint holds; it changed between the two reads"
                )
            }
            copied.append(CopiedFile(path: path, sha256: digest, content: content))
        }
        return copied
    }
}

/// Why a production capture failed. Messages say what to do.
public enum CaptureError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidHost(String)
    case sshNotStarted(path: String, detail: String)
    case sshFailed(host: String, status: Int32?, detail: String)
    case timedOut(host: String, seconds: Int)
    case outputTooLarge(host: String, limit: Int)
    case probeFailed(host: String, status: Int32?, detail: String)
    case malformedOutput(host: String, error: FingerprintParseError)
    case emptyFingerprint(host: String)
    case copyRefused(path: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidHost(host):
            return "'\(Fingerprint.shown(host))' is not an ssh destination ([user@]host or ssh://[user@]host[:port])"
        case let .sshNotStarted(path, detail):
            return "cannot run \(path): \(detail) (install openssh-client)"
        case let .sshFailed(host, status, detail):
            var text = "ssh to \(host) failed" + (status.map { " (exit \($0))" } ?? "") + ": \(detail)"
            if detail.contains("Host key verification failed") || detail.contains("No ED25519 host key is known")
                || detail.contains("host key for")
            {
                text +=
                    "\n  the host's key is not in known_hosts: check it and add it (ssh-keyscan HOST >> ~/.ssh/known_hosts),"
                    + " or pass --ssh-option StrictHostKeyChecking=accept-new to trust it on first use"
            }
            return text
        case let .timedOut(host, seconds):
            return "the probe on \(host) did not finish within \(seconds) s; ssh was stopped (--timeout to wait longer)"
        case let .outputTooLarge(host, limit):
            return "\(host) printed more than \(limit >> 20) MiB: no fingerprint is that large, so the output was refused"
        case let .probeFailed(host, status, detail):
            return "the probe failed on \(host)" + (status.map { " (exit \($0))" } ?? "") + ": \(detail)"
        case let .malformedOutput(host, error):
            return "\(host) did not answer with the probe's output: \(error)"
        case let .emptyFingerprint(host):
            return "\(host) gave no packages, services or files: not a fingerprint of a Debian host"
        case let .copyRefused(path, reason):
            return "cannot copy \(Fingerprint.shown(path)): \(reason)"
        }
    }
}
