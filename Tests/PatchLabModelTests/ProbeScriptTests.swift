import Foundation
import Testing
@testable import PatchLabModel

/// The probe scripts run for real with this host's `/bin/sh`, for the facts a Linux host shares with a
/// Debian guest (files, /proc, dpkg), so a broken script is caught without booting a VM.
@Suite struct ProbeScriptTests {
    func run(_ argv: [String]) throws -> ProbeOutput {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: argv[0])
        process.arguments = Array(argv.dropFirst())
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProbeOutput(exitCode: Int(process.terminationStatus), stdout: stdout, stderr: stderr)
    }

    func evaluate(_ expectation: PlanExpectation) throws -> ExpectationOutcome {
        expectation.evaluate(probeOutput: try run(try #require(expectation.probe)))
    }

    @Test func fileProbe() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("patchlab-probe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("it's a file").path
        try Data("worker_processes auto;\nuser www-data;\n".utf8).write(to: URL(fileURLWithPath: path))
        // sha256 of the text above, from `sha256sum`.
        let sha = try run(["/bin/sh", "-c", "sha256sum < \"$0\" | cut -d' ' -f1", path]).stdoutText
            .trimmingCharacters(in: .whitespacesAndNewlines)

        let good = try evaluate(.file(path: path, exists: true, sha256: sha, contains: "worker_processes"))
        #expect(good.passed, "\(good.actual)")
        let wrong = try evaluate(.file(path: path, exists: true, sha256: String(repeating: "0", count: 64), contains: "user root"))
        #expect(!wrong.passed && !wrong.inconclusive)
        #expect(wrong.actual.contains("does not contain \"user root\""))
        #expect(try evaluate(.file(path: path + ".missing", exists: false, sha256: nil, contains: nil)).passed)
        #expect(try evaluate(.file(path: directory.path, exists: true, sha256: nil, contains: nil)).passed)
    }

    @Test func portProbeReadsProc() throws {
        try #require(FileManager.default.fileExists(atPath: "/proc/net/tcp"))
        // Whatever listens here, the probe must give a table, not an inconclusive outcome.
        let outcome = try evaluate(.port(number: 1, protocol: .tcp, listening: false))
        #expect(!outcome.inconclusive, "\(outcome.actual)")
        let udp = try evaluate(.port(number: 1, protocol: .udp, listening: false))
        #expect(!udp.inconclusive, "\(udp.actual)")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/bin/dpkg-query")))
    func packageProbeReadsDpkg() throws {
        let dpkg = try evaluate(.package(name: "dpkg", version: .atLeast(DebianVersion("1.0")!)))
        #expect(dpkg.passed, "\(dpkg.actual)")
        let absent = try evaluate(.package(name: "patchlab-no-such-package", version: .installed))
        #expect(
            absent
                == ExpectationOutcome(
                    passed: false, expected: "package patchlab-no-such-package is installed",
                    actual: "package patchlab-no-such-package is not installed"))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/bin/curl")))
    func httpProbeReportsARefusedConnectionAsAFailureNotABrokenProbe() throws {
        // Port 1 on loopback: nothing listens there on a test host.
        let outcome = try evaluate(.http(url: "http://127.0.0.1:1/", status: 200, body: nil))
        #expect(!outcome.passed && !outcome.inconclusive)
        #expect(outcome.actual.hasPrefix("GET http://127.0.0.1:1/ failed (curl exit 7)"), "\(outcome.actual)")
    }

    @Test func servicesAndHTTPProbesAreValidShell() throws {
        // No systemd or web server is assumed on the test host: check the syntax only (`sh -n`).
        for expectation: PlanExpectation in [
            .service(name: "nginx", state: .active, enabled: true),
            .http(url: "http://127.0.0.1/", status: 200, body: .contains("x")),
        ] {
            let probe = try #require(expectation.probe)
            let output = try run(["/bin/sh", "-n", "-c", probe[2]])
            #expect(output.exitCode == 0, "\(expectation.matcherName): \(output.stderrText)")
        }
    }
}
