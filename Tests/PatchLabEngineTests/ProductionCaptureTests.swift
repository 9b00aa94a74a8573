import Foundation
import PatchLabModel
import Testing
@testable import PatchLabEngine

/// Capturing production over real OpenSSH (a server of the test's own on 127.0.0.1): an honest host
/// gives its fingerprint and the key it proved it holds; a hostile one — flooding, hanging, printing
/// what the probe never prints, failing — gets a clear error, never a hang or a crash.
@Suite(.serialized) struct ProductionCaptureTests {
    @Test func anHonestHostGivesItsFingerprintAndHostKey() async throws {
        let server = try TestSSHServer()
        defer { server.stop() }
        let capture = server.capture(key: try server.key("honest"))
        let probe = {
            try Fingerprint.parse(probeOutput: try TestSSHServer.run("/bin/sh", ["-c", capture.spec.probeScript]), machine: "this-host")
        }
        let before = try probe()
        let record = try await capture.capture(host: "127.0.0.1", name: "this-host", copy: ["/etc/debian_version"])
        #expect(record.hostKey == "ssh-ed25519 \(server.hostKeyFingerprint)", "the key ssh verified, from its own log")
        #expect(record.method == .ssh && record.name == "this-host" && record.host == "127.0.0.1")
        #expect(record.spec.origins)
        // The same facts as the probe run here directly, before and after: other tests running
        // meanwhile change files under /etc (libvirt's, a second daemon's), so each file the capture
        // saw must be as one of the two local runs saw it, and every file both saw alike is in it.
        let local = try probe()
        #expect(record.fingerprint.packages == local.packages)
        #expect(record.fingerprint.system == local.system)
        for (path, digest) in record.fingerprint.files {
            #expect(before.files[path] == digest || local.files[path] == digest, "\(path) as neither local probe saw it")
        }
        let stable = before.files.filter { local.files[$0.key] == $0.value }
        #expect(stable.count > 100, "most of /etc is unchanged between the probes")
        #expect(stable.allSatisfy { record.fingerprint.files[$0.key] == $0.value }, "a file unchanged here was missed or misread")
        #expect(!record.fingerprint.packageOrigins.isEmpty)
        #expect(record.copiedFiles.map(\.path) == ["/etc/debian_version"])
        #expect(record.copiedFiles.first?.content == FileManager.default.contents(atPath: "/etc/debian_version"))
        // The stored record reads back as it was taken.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pl-prod-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = ProductionStore(directory: folder)
        let path = try store.save(record)
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let loaded = try store.load("this-host")
        #expect(loaded.record.fingerprint.packages == record.fingerprint.packages)
        #expect(loaded.sha256 == (try FileDigest.sha256(ofFile: path)))
        #expect(try store.record(forMirrors: "this-host.example.com")?.record.name == "this-host")
    }

    @Test func aFloodingHostIsCutOffAtTheLimit() async throws {
        let server = try TestSSHServer()
        defer { server.stop() }
        let capture = server.capture(key: try server.key("flood", forcedCommand: "yes 'package nginx 1.0'"), outputLimit: 1 << 20)
        let clock = ContinuousClock()
        let start = clock.now
        await #expect(throws: CaptureError.outputTooLarge(host: "127.0.0.1", limit: 1 << 20)) {
            try await capture.capture(host: "127.0.0.1", name: "flood")
        }
        #expect(clock.now - start < .seconds(120), "stopped at the limit, not at the end of an endless stream")
    }

    @Test func aHangingHostIsGivenUpAtTheDeadline() async throws {
        let server = try TestSSHServer()
        defer { server.stop() }
        let capture = server.capture(key: try server.key("hang", forcedCommand: "sleep 600"), timeout: .seconds(3))
        let clock = ContinuousClock()
        let start = clock.now
        await #expect(throws: CaptureError.timedOut(host: "127.0.0.1", seconds: 3)) {
            try await capture.capture(host: "127.0.0.1", name: "hang")
        }
        #expect(clock.now - start < .seconds(120), "given up at the deadline, not when sleep 600 ends")
    }

    @Test func outputThatIsNotTheProbesIsRefusedWithoutEchoingControls() async throws {
        let server = try TestSSHServer()
        defer { server.stop() }
        let capture = server.capture(
            key: try server.key("garbage", forcedCommand: #"printf 'package nginx 1.0\nservice evil\033[2J active enabled\n'"#))
        do {
            _ = try await capture.capture(host: "127.0.0.1", name: "garbage")
            Issue.record("accepted")
        } catch let error as CaptureError {
            guard case let .malformedOutput(_, parse) = error else { Issue.record("\(error)"); return }
            #expect(parse.lineNumber == 2)
            #expect(!"\(error)".unicodeScalars.contains { $0.properties.generalCategory == .control })
        }
        let empty = server.capture(key: try server.key("empty", forcedCommand: "true"))
        await #expect(throws: CaptureError.emptyFingerprint(host: "127.0.0.1")) {
            try await empty.capture(host: "127.0.0.1", name: "empty")
        }
    }

    @Test func aFailingProbeAndAnUnknownHostKeyAreSaid() async throws {
        let server = try TestSSHServer()
        defer { server.stop() }
        let failing = server.capture(key: try server.key("failing", forcedCommand: "echo 'no /bin/sh here' >&2; exit 3"))
        await #expect(throws: CaptureError.probeFailed(host: "127.0.0.1", status: 3, detail: "no /bin/sh here")) {
            try await failing.capture(host: "127.0.0.1", name: "failing")
        }
        let stranger = server.capture(key: try server.key("stranger"), knownHosts: "/dev/null")
        do {
            _ = try await stranger.capture(host: "127.0.0.1", name: "stranger")
            Issue.record("a host whose key is not known was trusted")
        } catch let error as CaptureError {
            #expect("\(error)".contains("Host key verification failed"), "\(error)")
            #expect("\(error)".contains("StrictHostKeyChecking=accept-new"))
        }
        await #expect(throws: CaptureError.invalidHost("-oProxyCommand=touch /tmp/x")) {
            try await stranger.capture(host: "-oProxyCommand=touch /tmp/x", name: "x")
        }
    }

    @Test func copyIsOnlyForWatchedFiles() async throws {
        let server = try TestSSHServer()
        defer { server.stop() }
        let capture = server.capture(key: try server.key("copy"))
        await #expect(throws: CaptureError.self) {
            try await capture.capture(host: "127.0.0.1", name: "copy", copy: ["/etc/hostname"])
        }
    }
}
