import Foundation
import Libvirt
#if canImport(Glibc)
    import Glibc
#endif

/// A second libvirt daemon on this machine, standing in for a remote host: its own mount namespace
/// (`unshare -m`) in which its run, state, cache, log and configuration folders and PatchLab's
/// `/var/lib/patchlab` are bind mounts of folders of its own, so it shares no file with the system
/// libvirtd or with the harness; reached only over TCP on 127.0.0.1 (`listen_tcp`, `auth_tcp = "none"`,
/// `--listen`). The system libvirtd is not touched. Started and stopped by process id.
final class SecondHost: @unchecked Sendable {
    /// Where its folders are, on this machine (the daemon sees them at their usual paths).
    let root: String
    let port: Int
    private let lock = NSLock()
    private var process: Process?

    var uri: String { "qemu+tcp://127.0.0.1:\(port)/system" }
    /// The same daemon's test driver, which has no volume upload.
    var testDriverURI: String { "test+tcp://127.0.0.1:\(port)/default" }
    /// Its `/var/lib/patchlab`, as this machine sees it.
    var patchlabFolder: String { root + "/patchlab" }

    /// Folders the daemon gets its own copy of, as (mount point, folder under `root`).
    static let mounts = [
        ("/etc/libvirt", "etc"), ("/run/libvirt", "run"), ("/var/lib/libvirt", "lib"),
        ("/var/cache/libvirt", "cache"), ("/var/log/libvirt", "log"), ("/var/lib/patchlab", "patchlab"),
    ]

    init() throws {
        // A fixed first port, so the accelerator verdict cached per host URI is found again next run.
        port = Self.freePort(from: 16519)
        root = "/var/tmp/pl-second-host-\(port)"
        try? FileManager.default.removeItem(atPath: root)
        for (_, folder) in Self.mounts {
            try FileManager.default.createDirectory(
                atPath: "\(root)/\(folder)", withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o755])
        }
        try """
        listen_tls = 0
        listen_tcp = 1
        listen_addr = "127.0.0.1"
        tcp_port = "\(port)"
        auth_tcp = "none"
        """.write(toFile: "\(root)/etc/libvirtd.conf", atomically: true, encoding: .utf8)
        // No virtlogd in its namespace: QEMU writes its own logs.
        try "stdio_handler = \"file\"\n".write(toFile: "\(root)/etc/qemu.conf", atomically: true, encoding: .utf8)
    }

    var isRunning: Bool { lock.withLock { process?.isRunning ?? false } }

    /// Starts the daemon and waits until it answers (30 s at most).
    func start() async throws {
        let binds = Self.mounts.map { "mount --bind \(root)/\($1) \($0)" }.joined(separator: " && ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        // unshare and sh exec in turn: the process id is libvirtd's.
        process.arguments = [
            "-m", "--propagation", "private", "/bin/sh", "-c",
            "\(binds) && exec /usr/sbin/libvirtd --listen -f /etc/libvirt/libvirtd.conf -p /run/libvirt/libvirtd.pid",
        ]
        let log =
            FileHandle(forWritingAtPath: "\(root)/daemon.log")
            ?? {
                FileManager.default.createFile(atPath: "\(root)/daemon.log", contents: nil)
                return FileHandle(forWritingAtPath: "\(root)/daemon.log")!
            }()
        _ = try? log.seekToEnd()
        process.standardOutput = log
        process.standardError = log
        try process.run()
        lock.withLock { self.process = process }
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if (try? await Connection.open(uri)) != nil { return }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw SecondHostError.didNotStart(log: (try? String(contentsOfFile: "\(root)/daemon.log", encoding: .utf8)) ?? "")
    }

    /// The daemon dies at once (SIGKILL), as a host that is lost: its guests keep running.
    func kill() async {
        guard let process = lock.withLock({ self.process }) else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
        while process.isRunning { try? await Task.sleep(for: .milliseconds(50)) }
    }

    /// The daemon stops answering without closing anything (SIGSTOP), as a hung host; `resume` undoes it.
    func pause() {
        if let process = lock.withLock({ self.process }) { Glibc.kill(process.processIdentifier, SIGSTOP) }
    }

    func resume() {
        if let process = lock.withLock({ self.process }) { Glibc.kill(process.processIdentifier, SIGCONT) }
    }

    /// Stops the daemon (SIGTERM), then any QEMU it started that is still running (by the pid files
    /// in its run folder), and removes its folders.
    func stop() async {
        if let process = lock.withLock({ self.process }), process.isRunning {
            Glibc.kill(process.processIdentifier, SIGTERM)
            let deadline = ContinuousClock.now + .seconds(20)
            while process.isRunning && ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(100)) }
            if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        }
        let pidFiles = (try? FileManager.default.contentsOfDirectory(atPath: "\(root)/run/qemu")) ?? []
        for file in pidFiles where file.hasSuffix(".pid") {
            if let text = try? String(contentsOfFile: "\(root)/run/qemu/\(file)", encoding: .utf8),
                let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 1
            {
                Glibc.kill(pid, SIGKILL)
            }
        }
        try? FileManager.default.removeItem(atPath: root)
    }

    /// The first port from `first` on that nothing listens on at 127.0.0.1.
    static func freePort(from first: Int) -> Int {
        for port in first..<(first + 40) where canBind(port) { return port }
        return first
    }

    private static func canBind(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}

enum SecondHostError: Error, CustomStringConvertible {
    case didNotStart(log: String)
    var description: String {
        switch self {
        case let .didNotStart(log): return "the second libvirtd did not answer within 30 s; its log:\n\(log.suffix(3000))"
        }
    }
}
