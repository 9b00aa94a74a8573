import Foundation
import Testing
import PatchLabTestSupport

/// `bench bisect`, and the batch commands' refusals, through the real executable.
@Suite struct BatchCommandTests {
    /// A full rehearsal per culprit position on the test driver: the bisection always names the
    /// culprit, in at most ⌈log2 n⌉ + 1 subset runs.
    @Test func benchBisectFindsTheCulpritInLogarithmicallyManyRuns() throws {
        let binary = PatchlabBinary()
        defer { binary.cleanUp() }
        let result = try binary.run(["bench", "bisect", "--sizes", "4,16", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let figures = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(figures.map { $0["patches"] as? Int } == [4, 16])
        for figure in figures {
            let log2 = try #require(figure["log2"] as? Int)
            let runs = try #require(figure["subsetRuns"] as? [Int])
            #expect(!runs.isEmpty && runs.allSatisfy { $0 <= log2 + 1 }, "\(figure)")
        }
        #expect((figures[0]["positions"] as? [Int]) == [1, 2, 3, 4])
        #expect(try binary.run(["bench", "bisect", "--sizes", "1"]).stderr.contains("not a batch size from 2 to 256"))
    }

    @Test func batchCommandsRefuseWhatTheyCannotDo() throws {
        let binary = PatchlabBinary()
        defer { binary.cleanUp() }
        var result = try binary.run(["change", "new", "--id", "CHG-0003"])
        #expect(result.status != 0 && result.stderr.contains("give one of --from-updates and --from-run"), "\(result.stderr)")
        result = try binary.run(["change", "new", "--from-updates", "labs/demo.yaml", "--id", "CHG-0003"])
        #expect(result.stderr.contains("--from-updates needs --plans"), "\(result.stderr)")
        result = try binary.run(["change", "new", "--from-updates", "labs/demo.yaml", "--id", "chg3", "--plans", "p.yaml"])
        #expect(result.stderr.contains("--id chg3 is not a change id"), "\(result.stderr)")
        result = try binary.run(["change", "new", "--from-run", "run-x", "--only", "nginx"])
        #expect(result.stderr.contains("--only goes with --from-updates"), "\(result.stderr)")
        result = try binary.run(["change", "new", "--from-run", "run-x"])
        #expect(result.status == 1 && result.stderr.contains("run run-x is not in the run store"), "\(result.stderr)")
        result = try binary.run(["bisect", "run-x"])
        #expect(result.status == 2 && result.stderr.contains("no run run-x"), "\(result.stderr)")

        let garbage = try binary.write("web-01.json", "{\"machine\": 3}")
        result = try binary.run(["updates", garbage])
        #expect(result.status == 1 && result.stderr.contains("web-01.json: not a fingerprint as PatchLab writes it"), "\(result.stderr)")
        let noRelease = try binary.write(
            "db-01.json",
            #"{"machine": "db-01", "takenAt": 0, "packages": {"nginx": "1.0"}, "#
                + #""packageStates": {}, "services": {}, "ports": [], "files": {}}"#)
        result = try binary.run(["updates", noRelease])
        #expect(result.stderr.contains("lists no base-files package") && result.stderr.contains("--release bookworm"), "\(result.stderr)")
        result = try binary.run(["updates", noRelease, "--suites", "security,backports"])
        #expect(result.stderr.contains("'backports' is not a suite; expected some of: security, updates, release"), "\(result.stderr)")
        result = try binary.run(["updates", noRelease, "--release", "sarge"])
        #expect(result.stderr.contains("--release sarge is not a Debian release PatchLab knows"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: binary.home + "/apt"), "nothing asked of apt")
    }
}
