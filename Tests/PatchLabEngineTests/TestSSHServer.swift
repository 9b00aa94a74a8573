import Foundation
@testable import PatchLabEngine

/// A real OpenSSH server on 127.0.0.1 for capture tests, started by pid and stopped by pid: its own
/// host key and config in a temporary folder, and one client key per behaviour — an honest host
/// runs what it is asked, a hostile one runs the forced command of its key (`command="…"`).
final class TestSSHServer: @unchecked Sendable {
    let folder: String
    let port: Int
    /// The daemon's process id, from its pid file: it is stopped by that id.
    private(set) var pid: pid_t = 0
    /// `SHA256:…` of the host key, as ssh prints it.
    let hostKeyFingerprint: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("pl-sshd-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
        try Self.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", "\(folder)/host_key"])
        let listed = try Self.run("/usr/bin/ssh-keygen", ["-l", "-f", "\(folder)/host_key.pub"])
        hostKeyFingerprint = String(listed.split(separator: " ")[1])
        port = try Self.freePort()
        try """
        ListenAddress 127.0.0.1
        Port \(port)
        HostKey \(folder)/host_key
        PidFile \(folder)/sshd.pid
        AuthorizedKeysFile \(folder)/authorized_keys
        PermitRootLogin prohibit-password
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        UsePAM no
        PermitTTY no
        # The folder is under /tmp, which every user may write to: StrictModes would refuse the keys.
        StrictModes no
        """.write(toFile: "\(folder)/sshd_config", atomically: true, encoding: .utf8)
        try "".write(toFile: "\(folder)/authorized_keys", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: "\(folder)/authorized_keys")
        let hostKey = try String(contentsOfFile: "\(folder)/host_key.pub", encoding: .utf8).split(separator: " ").prefix(2).joined(
            separator: " ")
        try "[127.0.0.1]:\(port) \(hostKey)\n".write(toFile: "\(folder)/known_hosts", atomically: true, encoding: .utf8)
        // As a daemon: the program started returns once the server runs. (Kept in the foreground as a
        // Foundation Process, sshd's closing of inherited descriptors makes Foundation wait for it to
        // end before it reaps any other child.)
        try Self.run("/usr/sbin/sshd", ["-f", "\(folder)/sshd_config"])
        try waitUntilListening()
        // The daemon writes its pid file just after it starts listening.
        for _ in 0..<200 {
            if let text = try? String(contentsOfFile: "\(folder)/sshd.pid", encoding: .utf8),
                let number = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                pid = number
                break
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    /// A client key whose logins run `forcedCommand` instead of what they ask (nil: what they ask).
    func key(_ name: String, forcedCommand: String? = nil) throws -> String {
        let key = "\(folder)/\(name)"
        try Self.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", key])
        let publicKey = try String(contentsOfFile: key + ".pub", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let option = forcedCommand.map { "command=\"\($0.replacingOccurrences(of: "\"", with: "\\\""))\" " } ?? ""
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(folder)/authorized_keys"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((option + publicKey + "\n").utf8))
        try handle.close()
        return key
    }

    /// A capture that reaches this server as root with `key`, trusting only its known host key.
    func capture(key: String, knownHosts: String? = nil, timeout: Duration = .seconds(120), outputLimit: Int = 64 << 20)
        -> ProductionCapture
    {
        ProductionCapture(
            sshOptions: [
                "Port=\(port)", "User=root", "IdentityFile=\(key)", "IdentitiesOnly=yes",
                "UserKnownHostsFile=\(knownHosts ?? folder + "/known_hosts")", "GlobalKnownHostsFile=/dev/null",
                "StrictHostKeyChecking=yes",
            ],
            sshConfig: "/dev/null", timeout: timeout, outputLimit: outputLimit)
    }

    func stop() {
        if pid > 0 { kill(pid, SIGTERM) }
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func waitUntilListening() throws {
        for _ in 0..<200 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
            }
            close(fd)
            if connected { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "sshd did not listen on 127.0.0.1:\(port)"])
    }

    /// A port the kernel just gave out, so nothing else listens on it.
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard ok else { throw CocoaError(.fileReadUnknown) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @discardableResult
    static func run(_ path: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileReadUnknown) }
        return String(decoding: data, as: UTF8.self)
    }
}
