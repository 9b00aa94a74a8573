import Foundation
import Testing

/// Batches on a real debian-12 guest, driven through the `patchlab` binary as an operator would:
/// pending bookworm-security updates found by the host's apt, fetched into a batch change, rehearsed
/// with a deliberately breaking patch (NO-GO, bisected to it alone), and the follow-up without it
/// (GO in one pass). One lab is booted for the whole suite and taken down at its end.
extension RealVMTests {
    @Suite(.serialized, BatchLabScope()) struct BatchRehearsalTests {
        static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
        static let labFile = fixtures + "/batch.yaml"
        static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
            .path
        /// Sources whose update would cut the harness off from the guest or stand in for the culprit.
        static let avoided: Set<String> = ["qemu", "systemd", "glibc", "nginx"]

        /// `updates` on the lab (packages from the guest agent's fingerprint) and on a stored fingerprint
        /// of the same machine give the same pending updates, security first; nginx's is among them.
        @Test func pendingUpdatesComeFromTheHostsAptForTheLabAndForAStoredFingerprint() async throws {
            let harness = try await BatchLab.shared.up()
            let hostLists = try FileManager.default.attributesOfItem(atPath: "/var/lib/apt/lists")[.modificationDate] as? Date
            let lab = try harness.json(["updates", Self.labFile, "--json"])
            let updates = try #require((lab.first?["updates"] as? [[String: Any]]))
            let nginx = try #require(updates.first { $0["package"] as? String == "nginx-light" }, "\(updates.map { $0["package"] ?? "" })")
            #expect(nginx["installed"] as? String == "1.22.1-9+deb12u9")
            #expect(nginx["suiteName"] as? String == "bookworm-security")
            #expect(nginx["source"] as? String == "nginx")
            let rank = updates.compactMap { ["security", "updates", "release"].firstIndex(of: $0["suite"] as? String ?? "") }
            #expect(rank == rank.sorted(), "security first")
            #expect(
                try FileManager.default.attributesOfItem(atPath: "/var/lib/apt/lists")[.modificationDate] as? Date == hostLists,
                "the host's own apt lists are not touched")
            let home = ProcessInfo.processInfo.environment["PATCHLAB_HOME"] ?? "/var/lib/patchlab"
            let lists = (try? FileManager.default.contentsOfDirectory(atPath: home + "/apt/bookworm/state/lists")) ?? []
            #expect(lists.contains { $0.hasSuffix("bookworm-security_InRelease") }, "apt's private state: \(lists)")

            // The same machine as a stored fingerprint (a production host's would be read the same way).
            let fingerprint = try harness.write(
                "web-01.json",
                try harness.run([
                    "lab", "exec", Self.labFile, "web-01", "--",
                    "dpkg-query", "-W", "-f", "${binary:Package} ${Version}\\n",
                ]).stdout
                    .split(separator: "\n").reduce(into: [String: String]()) {
                        $0[String($1.split(separator: " ")[0])] = String($1.split(separator: " ")[1])
                    })
            let stored = try harness.json(["updates", fingerprint, "--json"])
            let storedPackages = (stored.first?["updates"] as? [[String: Any]])?.compactMap { $0["package"] as? String }
            #expect(storedPackages == updates.compactMap { $0["package"] as? String })
        }

        /// Three real bookworm-security updates (the smallest pending) and a patch that breaks nginx:
        /// NO-GO, and the bisection names the breaking patch alone in at most ⌈log2 4⌉ + 1 = 3 subset
        /// runs, with no fresh boot; the packet verifies; the follow-up without it is GO in one pass.
        @Test func aBatchWithABreakingPatchIsBisectedToItAndTheRestGoesThrough() async throws {
            let harness = try await BatchLab.shared.up()
            let updates = try #require(
                try harness.json(["updates", Self.labFile, "--suites", "security", "--json"]).first?["updates"] as? [[String: Any]])
            var sizes: [String: Int] = [:]
            for update in updates {
                guard let source = update["source"] as? String, let size = (update["record"] as? [String: Any])?["size"] as? Int else {
                    continue
                }
                sizes[source, default: 0] += size
            }
            let chosen = Array(
                sizes.filter { !Self.avoided.contains($0.key) }.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.prefix(3).map(\.key))
            #expect(chosen.count == 3, "three pending security updates are needed; found \(sizes)")
            let change = harness.folder + "/changes/ITEST-0101.yaml"
            let made = try harness.run([
                "change", "new", "--from-updates", Self.labFile, "--id", "ITEST-0101", "--only", chosen.joined(separator: ","),
                "--plans", Self.repository + "/testplans/smoke.yaml", "--output", change,
            ])
            #expect(made.status == 0, "\(made.stdout)\(made.stderr)")
            let sums = try String(contentsOfFile: harness.folder + "/changes/ITEST-0101/SHA256SUMS", encoding: .utf8)
            #expect(sums.split(separator: "\n").count >= 3, "every .deb fetched and listed: \(sums)")
            // The deliberately breaking patch, last: CHG-0002's nginx snippet with a missing ';'.
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: change))
            handle.seekToEndOfFile()
            handle.write(
                Data(
                    """
                      - id: nginx-broken-config
                        description: an nginx snippet missing a ';', nginx restarted without a check
                        priority: critical
                        files:
                          - source: \(Self.repository)/changes/CHG-0002/broken.conf
                            sha256: b4d0f149507f9945beea9cb5770de84461841007c39b36a3db84451eb8fdc40b
                            destination: /etc/nginx/conf.d/broken.conf
                        install: "systemctl restart nginx || true"
                        timeout: 2m

                    """.utf8))
            try handle.close()

            let failed = try harness.run(["rehearse", change, "--json"])
            #expect(failed.status == 1, "NO-GO: \(failed.stderr)")
            let result = try #require(
                try JSONSerialization.jsonObject(with: Data(failed.stdout.utf8)) as? [String: Any], "\(failed.stdout.suffix(2000))")
            #expect(result["verdict"] as? String == "no-go")
            let bisection = try #require((result["batch"] as? [String: Any])?["bisection"] as? [String: Any])
            #expect(bisection["culprits"] as? [String] == ["nginx-broken-config"])
            let steps = try #require(bisection["steps"] as? [[String: Any]])
            #expect(steps.count <= 3, "at most ceil(log2(4))+1 subset runs: \(steps.map { $0["patches"] ?? "" })")
            #expect(steps.last?["patches"] as? [String] == ["nginx-broken-config"] && steps.last?["outcome"] as? String == "reproduced")
            #expect(steps.dropLast().allSatisfy { $0["outcome"] as? String == "passed" })
            let installs = try #require((result["batch"] as? [String: Any])?["installs"] as? [[String: Any]])
            #expect(installs.compactMap { $0["patch"] as? String } == chosen.sorted() + ["nginx-broken-config"])
            #expect(installs.allSatisfy { ($0["diff"] as? [String: Any]) != nil }, "each patch's own fingerprint diff")
            let phases = (result["phases"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []
            #expect(phases.contains("bisect") && phases.filter { $0 == "lab" }.count == 1)
            #expect((result["rollbackProof"] as? [String: Any])?["proven"] as? Bool == true)
            let run = try #require(result["runID"] as? String)
            #expect(try harness.run(["runs", "show", run]).stdout.contains("bisection: culprit patch nginx-broken-config"))
            let again = try harness.run(["bisect", run])
            #expect(
                again.status == 0 && again.stdout.contains("was bisected already: bisection: culprit patch nginx-broken-config"),
                "\(again.stdout)\(again.stderr)")

            let packet = try #require(harness.packets().first { $0.contains("/ITEST-0101/") })
            let verify = try harness.run(["packet", "verify", packet])
            #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
            #expect(verify.stdout.contains("ok   bisection: \(steps.count) subset runs replayed"))
            let summary = try String(contentsOfFile: packet + "/summary.html", encoding: .utf8)
            #expect(summary.contains("<tr data-patch=\"nginx-broken-config\" data-patch-verdict=\"culprit\">"))
            #expect(FileManager.default.fileExists(atPath: packet + "/results/bisect/step-\(steps.count)/results.json"))
            #expect(FileManager.default.fileExists(atPath: packet + "/attestations/bisect/step-\(steps.count).intoto.json"))

            // The follow-up: the same batch without the culprit, in one command, rehearsed GO in one pass.
            let followUp = try harness.run(["change", "new", "--from-run", run, "--without", "nginx-broken-config"])
            #expect(followUp.status == 0, "\(followUp.stdout)\(followUp.stderr)")
            let next = harness.folder + "/changes/ITEST-0102.yaml"
            #expect(followUp.stdout.contains("wrote \(next): ITEST-0102, 3 patches"))
            let passed = try harness.run(["rehearse", next, "--json"])
            #expect(passed.status == 0, "GO: \(passed.stderr)")
            let good = try #require(try JSONSerialization.jsonObject(with: Data(passed.stdout.utf8)) as? [String: Any])
            #expect(good["verdict"] as? String == "go")
            #expect((good["batch"] as? [String: Any])?["bisection"] == nil)
            #expect(
                !((good["phases"] as? [[String: Any]])?.contains { $0["name"] as? String == "bisect" } ?? true), "one pass, no bisection")
            let nothing = try harness.run(["bisect", try #require(good["runID"] as? String)])
            #expect(nothing.status == 2 && nothing.stderr.contains("did not fail as a batch"), "\(nothing.stderr)")
        }
    }
}

/// The suite's lab and the harness that runs `patchlab` against it, booted on first use.
actor BatchLab {
    static let shared = BatchLab()
    private var harness: BatchHarness?

    func up() throws -> BatchHarness {
        if let harness { return harness }
        let made = try BatchHarness()
        let up = try made.run(["lab", "up", RealVMTests.BatchRehearsalTests.labFile])
        guard up.status == 0 else { throw BatchHarness.Failure(text: "lab up failed: \(up.stdout)\(up.stderr)") }
        harness = made
        return made
    }

    func down() {
        guard let harness else { return }
        _ = try? harness.run(["lab", "down", RealVMTests.BatchRehearsalTests.labFile])
        harness.cleanUp()
        self.harness = nil
    }
}

/// Takes the batch suite's lab down at the end of the suite, whatever happened in it.
struct BatchLabScope: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        do {
            try await function()
        } catch {
            await BatchLab.shared.down()
            throw error
        }
        await BatchLab.shared.down()
    }
}

/// `patchlab` with a private run store, evidence folder and work folder for the batch suite.
struct BatchHarness: Sendable {
    struct Failure: Error, CustomStringConvertible { var text: String; var description: String { text } }

    let base: Harness
    let folder: String

    init() throws {
        base = try Harness()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("pl-it-batch-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/changes", withIntermediateDirectories: true)
    }

    func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) { try base.run(arguments) }

    /// The JSON document `patchlab … --json` prints, as a list.
    func json(_ arguments: [String]) throws -> [[String: Any]] {
        let result = try run(arguments)
        guard result.status == 0, let list = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] else {
            throw Failure(text: "patchlab \(arguments.joined(separator: " ")): \(result.status) \(result.stdout)\(result.stderr)")
        }
        return list
    }

    /// A fingerprint of `packages` as PatchLab writes one, in the work folder.
    func write(_ name: String, _ packages: [String: String]) throws -> String {
        let document: [String: Any] = [
            "machine": "web-01", "takenAt": 0, "packages": packages, "packageStates": [String: String](),
            "services": [String: Any](), "ports": [String](), "files": [String: String](),
        ]
        let path = "\(folder)/\(name)"
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: path))
        return path
    }

    func packets() -> [String] { base.packets() }

    func cleanUp() {
        base.cleanUp()
        try? FileManager.default.removeItem(atPath: folder)
    }
}
