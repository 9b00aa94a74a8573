import Foundation
import Testing
import PatchLabTestSupport

/// `packet verify` / `show` on archives that must be refused, as a user runs them.
@Suite struct PacketCommandTests {
    /// A `.tar.gz` written by Python's tarfile from (name, type, content) triples.
    static func archive(_ entries: [(String, String, String)], at path: String) throws {
        let script = """
            import io, json, sys, tarfile
            with tarfile.open(sys.argv[2], "w:gz", format=tarfile.GNU_FORMAT) as tar:
                for name, kind, text in json.loads(sys.argv[1]):
                    info = tarfile.TarInfo(name); info.type = kind.encode()
                    data = text.encode() if kind == "0" else b""
                    if kind == "2": info.linkname = text
                    info.size = len(data); tar.addfile(info, io.BytesIO(data))
            """
        let json = String(decoding: try JSONSerialization.data(withJSONObject: entries.map { [$0.0, $0.1, $0.2] }), as: UTF8.self)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, json, path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python3 could not write \(path)")
    }

    @Test func aLinkOnlyArchiveFailsVerificationNamingTheEntry() throws {
        let binary = PatchlabBinary()
        defer { binary.cleanUp() }
        let archive = try binary.write("link.tar.gz", "")
        try Self.archive([("CHG-0001-run", "2", "/etc")], at: archive)
        #expect(try binary.run(["keys", "generate", "--name", "lab-signer"]).status == 0)
        let result = try binary.run(["packet", "verify", archive])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("\(archive): refused (symbolic-link): entry 'CHG-0001-run': a symbolic link to '/etc'"),
            "\(result.stderr)")
        #expect(!result.stdout.contains("intact"))
    }

    @Test func theCapComesFromTheOptionOrTheEnvironment() throws {
        let binary = PatchlabBinary()
        defer { binary.cleanUp() }
        let archive = try binary.write("big.tar.gz", "")
        try Self.archive([("top/logs/big.log", "0", String(repeating: "x", count: 4096))], at: archive)
        for (arguments, environment) in [(["--max-unpacked-size", "1K"], [String: String]()), ([], ["PATCHLAB_MAX_UNPACKED_SIZE": "2k"])] {
            let result = try binary.run(["packet", "show", archive] + arguments, environment: environment)
            #expect(result.status == 1)
            #expect(
                result.stderr.contains(
                    "refused (too-large): entry 'top/logs/big.log': its 4096 bytes take the unpacked content over the cap"),
                "\(result.stderr)")
        }
        let usage = try binary.run(["packet", "verify", archive, "--max-unpacked-size", "lots"])
        #expect(usage.status == 64)
        #expect(usage.stderr.contains("--max-unpacked-size: expected a size such as 4G, 512M or 1048576, found 'lots'"))
        let environment = try binary.run(["packet", "show", archive], environment: ["PATCHLAB_MAX_UNPACKED_SIZE": "lots"])
        #expect(environment.status == 1)
        #expect(environment.stderr.contains("$PATCHLAB_MAX_UNPACKED_SIZE: expected a size"))
    }
}
