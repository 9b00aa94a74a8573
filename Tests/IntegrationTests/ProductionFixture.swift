import Foundation
import Testing
@testable import PatchLabEngine

/// This machine as the production host of the integration tests: its own sshd on 127.0.0.1
/// (`scripts/test-sshd`, started here if it is not running), captured over real OpenSSH, and the
/// fidelity of a real lab against it worked out again from the same machines' package lists.
enum ProductionFixture {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized.path
    static let sshdFolder = ProcessInfo.processInfo.environment["PATCHLAB_TEST_SSHD"] ?? "/var/lib/patchlab/test-sshd"

    /// Captures `patchlab-test-prod` into a fresh production folder as `name`; returns the folder.
    static func capture(with harness: Harness, as name: String) throws -> String {
        let start = Process()
        start.executableURL = URL(fileURLWithPath: "/bin/bash")
        start.arguments = [repository + "/scripts/test-sshd", "start"]
        start.standardOutput = FileHandle.nullDevice
        try start.run()
        start.waitUntilExit()
        try #require(start.terminationStatus == 0, "scripts/test-sshd start failed")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pl-production-\(UUID().uuidString.prefix(8))").path
        let capture = try harness.run([
            "production", "capture", "patchlab-test-prod", "--ssh-config", sshdFolder + "/ssh_config",
            "--as", name, "--production", folder,
        ])
        try #require(capture.status == 0, "\(capture.stdout)\(capture.stderr)")
        #expect(capture.stdout.contains("(host key ssh-ed25519 SHA256:"), "\(capture.stdout)")
        let listed = try harness.run(["production", "list", "--production", folder])
        #expect(listed.stdout.contains(name) && listed.stdout.contains("ssh"))
        return folder
    }

    /// `lab fidelity` on the lab that is up, checked against the package lists read independently
    /// (dpkg-query here and in the guest): what it counts missing, only in the lab and in both.
    static func checkLabFidelity(harness: Harness, labFile: String, production: String) throws {
        let run = try harness.run(["lab", "fidelity", labFile, "--production", production, "--json"])
        try #require(run.status == 0, "\(run.stdout)\(run.stderr)")
        let report = try JSONDecoder.iso8601.decode(FidelityReportShape.self, from: Data(run.stdout.utf8))
        let machine = try #require(report.machines.first)
        #expect(machine.production?.name == "prod-web-01")
        let packages = try #require(machine.dimensions.first { $0.kind == "packages" })

        let query =
            "dpkg-query -W -f '${db:Status-Status} ${binary:Package}\\n' | sed -n 's/^installed //p; s/^half-[a-z]* //p; s/^unpacked //p; s/^triggers-[a-z]* //p'"
        let host = try lines(of: Process.capture("/bin/sh", ["-c", query]))
        let guest = try lines(of: harness.run(["lab", "exec", labFile, "web-01", "--", "/bin/sh", "-c", query]).stdout)
        #expect(packages.missingInLab == host.subtracting(guest).count)
        #expect(packages.onlyInLab == guest.subtracting(host).count)
        #expect(packages.same + packages.different == host.intersection(guest).count)
        #expect(packages.missingInLab > 100, "this host has far more packages than the lab image")

        let kernel = try Process.capture("/bin/uname", ["-r"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let guestKernel = try harness.run(["lab", "exec", labFile, "web-01", "--", "uname", "-r"]).stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)
        let system = try #require(machine.dimensions.first { $0.kind == "system" })
        #expect(system.differences.contains { $0.key == "kernel" } == (kernel != guestKernel))

        let strict = try harness.run(["lab", "fidelity", labFile, "--production", production, "--min", "0.99"])
        #expect(strict.status == 1, "below --min exits 1: \(strict.stdout)")
        #expect(strict.stdout.contains("below the minimum of 0.99"))
    }

    private static func lines(of text: String) -> Set<String> {
        Set(text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }

    /// The parts of `lab fidelity --json` these checks read.
    struct FidelityReportShape: Decodable {
        struct Machine: Decodable {
            struct Production: Decodable { var name: String }
            struct Dimension: Decodable {
                struct Difference: Decodable { var key: String }
                var kind: String
                var same: Int
                var different: Int
                var missingInLab: Int
                var onlyInLab: Int
                var differences: [Difference]
            }
            var production: Production?
            var dimensions: [Dimension]
        }
        var machines: [Machine]
    }
}

extension JSONDecoder {
    static var iso8601: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

extension Process {
    /// Runs a host program and returns its stdout.
    static func capture(_ path: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
