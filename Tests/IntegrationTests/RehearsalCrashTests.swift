import Foundation
import Testing
@testable import PatchLabEngine

/// Crash safety of a real rehearsal, driving the `patchlab` binary as an operator would: killed with
/// SIGKILL mid-patch then `recover`, Ctrl-C mid-patch, and a VM destroyed from outside after the patch.
/// Each uses a one-machine lab under its own PATCHLAB_DB so runs never mix.
extension RealVMTests {
    @Suite(.serialized) struct RehearsalCrashTests {
        static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
        static let labFile = fixtures + "/solo.yaml"

        @Test func sigkillDuringPatchThenRecoverRevertsAndLeavesNothingUnaccounted() async throws {
            let harness = try Harness()
            defer { harness.cleanUp() }
            let process = try harness.start(["rehearse", Self.fixtures + "/changes/slow-patch.yaml"])
            try await harness.waitForOutput(process, containing: "patching web-01", timeout: .seconds(600))
            try await Task.sleep(for: .seconds(8))  // let the install command start in the guest
            kill(process.pid, SIGKILL)
            _ = await process.wait()

            let recover = try harness.run(["recover"])
            #expect(recover.status == 0, "\(recover.stdout)\(recover.stderr)")
            #expect(recover.stdout.contains("reverted web-01 to its pre-patch snapshot"))
            #expect(recover.stdout.contains("deleted snapshot"))
            let runs = try harness.run(["runs", "list", "--json"]).stdout
            #expect(runs.contains("\"status\" : \"interrupted\""))

            let patched = try harness.run(["lab", "exec", Self.labFile, "web-01", "--", "test", "-e", "/etc/patchlab-it/patched"])
            #expect(patched.status == 1, "the revert took the machine back to before the patch")
            let domain = try harness.domainName()
            #expect(
                try virsh("snapshot-list", domain, "--name").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
                "no snapshot is left behind")
            #expect(try harness.run(["lab", "down", Self.labFile]).status == 0)
            #expect(!(try virsh("list", "--all", "--name").contains("pl-itsolo-")))
            #expect(!(try virsh("vol-list", "patchlab").contains("pl-itsolo-")))
        }

        @Test func ctrlCDuringPatchRollsBackAndSaysSo() async throws {
            let harness = try Harness()
            defer { harness.cleanUp() }
            let process = try harness.start(["rehearse", Self.fixtures + "/changes/slow-patch.yaml"])
            try await harness.waitForOutput(process, containing: "patching web-01", timeout: .seconds(600))
            try await Task.sleep(for: .seconds(5))
            kill(process.pid, SIGINT)
            let status = await process.wait()
            let output = process.output
            #expect(status == 1, "an interrupted rehearsal is NO-GO: \(output)")
            #expect(output.contains("interrupted by the operator"))
            #expect(output.contains("reverted web-01"))
            #expect(output.contains("removed domain pl-itsolo-"), "the lab it brought up is taken down")
            #expect(!(try virsh("list", "--all", "--name").contains("pl-itsolo-")))
            #expect(try harness.run(["recover"]).stdout.contains("no interrupted runs"))
        }

        @Test func keepLabLeavesAReadySnapshotAndTheNextRunStartsWarm() async throws {
            let harness = try Harness()
            defer { harness.cleanUp() }
            let change = Self.fixtures + "/changes/noop-patch.yaml"
            // Production is this machine, captured over real ssh (scripts/test-sshd); web-01 mirrors it.
            let production = try ProductionFixture.capture(with: harness, as: "prod-web-01")
            defer { try? FileManager.default.removeItem(atPath: production) }
            let first = try harness.run(["rehearse", change, "--keep-lab", "--production", production])
            #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
            #expect(first.stdout.contains("fidelity of web-01 to prod-web-01: 0."), "\(first.stdout)")
            #expect(first.stdout.contains("lab itsolo left up"))
            let domain = try harness.domainName()
            let snapshots = try virsh("snapshot-list", domain, "--name").split(separator: "\n").map(String.init)
            #expect(snapshots.count == 1 && snapshots[0].hasSuffix("-ready"), "only the lab's ready snapshot is kept: \(snapshots)")

            let second = try harness.run(["rehearse", change, "--keep-lab"])
            #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
            #expect(second.stdout.contains("warm start: reset 1 machines of lab itsolo to their ready snapshot"))
            #expect(!second.stdout.contains("creating linked clone"), "no boot the second time")
            #expect(try harness.domainName() == domain, "the same machine was reused")
            // The warm start and the rollback each resumed the guest from an older snapshot: its clock
            // was set back to the present both times (else it would be a minute or more behind).
            let clock = try harness.run(["lab", "exec", Self.labFile, "web-01", "--", "date", "+%s"])
            let guestNow = try #require(Double(clock.stdout.trimmingCharacters(in: .whitespacesAndNewlines)), "\(clock)")
            #expect(abs(guestNow - Date().timeIntervalSince1970) < 20, "guest clock \(guestNow) vs host \(Date().timeIntervalSince1970)")
            try checkPacket(of: first, harness: harness)
            try checkPlanRunPacket(harness: harness)
            try ProductionFixture.checkLabFidelity(harness: harness, labFile: Self.labFile, production: production)
        }

        /// `plan run --packet` on the lab the rehearsal left up: a signed packet of the run that verifies,
        /// shows as a plan run, and is refused where only a change's packet makes sense.
        private func checkPlanRunPacket(harness: Harness) throws {
            let smoke = URL(fileURLWithPath: Self.fixtures).appendingPathComponent("../../../testplans/smoke.yaml").standardized.path
            let run = try harness.run(["plan", "run", smoke, "--lab", Self.labFile, "--packet"])
            #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
            let packet = try #require(harness.packets().first { $0.contains("/SMOKE/") }, "no plan-run packet in \(harness.evidence)")
            #expect(run.stdout.contains("evidence: \(packet)/summary.html"))
            func read(_ path: String) -> String { (try? String(contentsOfFile: "\(packet)/\(path)", encoding: .utf8)) ?? "" }
            #expect(read("plan-run.json").contains("\"planID\" : \"SMOKE\""))
            #expect(read("lab/environment.json").contains("\"imageSHA256\""), "the golden image's digest is the attestation's subject")
            #expect(read("lab/domains/web-01.xml").contains("<domain"))
            #expect(read("results/plan-run/results.xml").contains("<testsuites"))
            #expect(FileManager.default.fileExists(atPath: "\(packet)/logs/consoles/web-01.log"))
            let logs = (try? FileManager.default.subpathsOfDirectory(atPath: "\(packet)/logs/SMOKE")) ?? []
            #expect(logs.contains { $0.hasSuffix("attempt-1/stdout") }, "each case's full output is in the packet: \(logs)")
            let archive = (packet as NSString).deletingLastPathComponent + "-" + (packet as NSString).lastPathComponent + ".tar.gz"
            for target in [packet, archive] {
                let verify = try harness.run(["packet", "verify", target])
                #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
            }
            #expect(try harness.run(["packet", "show", packet]).stdout.contains("Plan run SMOKE"))
            let export = try harness.run(["packet", "export", "servicenow", packet])
            #expect(export.status != 0 && export.stderr.contains("plan run's packet"), "\(export.stdout)\(export.stderr)")
        }

        /// The evidence packet a real rehearsal wrote: complete, signed, verifiable as folder and archive,
        /// and caught when altered.
        private func checkPacket(of run: (status: Int32, stdout: String, stderr: String), harness: Harness) throws {
            let packet = try #require(harness.packets().first, "no packet in \(harness.evidence)")
            #expect(run.stdout.contains("evidence: \(packet)/summary.html"))
            func read(_ path: String) -> String { (try? String(contentsOfFile: "\(packet)/\(path)", encoding: .utf8)) ?? "" }
            #expect(read("lab/domains/web-01.xml").contains("<domain"))
            #expect(read("lab/environment.json").contains("\"libvirtVersion\""))
            #expect(FileManager.default.fileExists(atPath: "\(packet)/logs/consoles/web-01.log"), "the guest console was kept")
            #expect(read("logs/harness.log").contains("phase baseline"))
            #expect(read("logs/journal.json").contains("snapshot.create"))
            #expect(read("change/noop-patch.yaml").contains("change:"))
            #expect(read("summary.html").contains("GO"))
            #expect(read("summary.html").contains("Fidelity to production: web-01 0."), "the packet shows fidelity against the capture")
            #expect(read("fidelity.json").contains("\"prod-web-01\""))
            #expect(FileManager.default.fileExists(atPath: "\(packet)/attestations/fidelity.intoto.json"))
            #expect(FileManager.default.fileExists(atPath: "\(packet)/attestations/post-patch.intoto.json"))
            let archive = (packet as NSString).deletingLastPathComponent + "-" + (packet as NSString).lastPathComponent + ".tar.gz"
            for target in [packet, archive] {
                let verify = try harness.run(["packet", "verify", target])
                #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
            }
            #expect(try harness.run(["packet", "show", archive]).stdout.contains("ITEST-0002"))
            try Data("forged\n".utf8).write(to: URL(fileURLWithPath: "\(packet)/logs/consoles/web-01.log"))
            let tampered = try harness.run(["packet", "verify", packet])
            #expect(tampered.status == 1)
            #expect(tampered.stdout.contains("logs/consoles/web-01.log: content changed"), "\(tampered.stdout)")
        }

        @Test func vmDestroyedDuringPostPatchIsNoGoWithRollbackStillProven() async throws {
            let harness = try Harness()
            defer { harness.cleanUp() }
            let process = try harness.start(["rehearse", Self.fixtures + "/changes/noop-patch.yaml"])
            try await harness.waitForOutput(process, containing: "== post-patch", timeout: .seconds(900))
            _ = try virsh("destroy", try harness.domainName())
            let status = await process.wait()
            let output = process.output
            #expect(status == 1, "\(output)")
            #expect(output.contains("verdict: NO-GO"))
            #expect(output.contains("rollback proven: yes"), "the revert brings the destroyed machine back as it was")
            #expect(!(try virsh("list", "--all", "--name").contains("pl-itsolo-")))
        }
    }
}

/// Runs `patchlab` with a private run store, and finds the test lab's domain.
struct Harness {
    let database: String
    /// Where this harness's rehearsals write their evidence packets.
    let evidence: String

    init() throws {
        let id = UUID().uuidString
        database = FileManager.default.temporaryDirectory.appendingPathComponent("pl-it-\(id).sqlite").path
        evidence = FileManager.default.temporaryDirectory.appendingPathComponent("pl-it-evidence-\(id)").path
    }

    /// The packet folders written so far (evidence/CHANGE/RUN), oldest first.
    func packets() -> [String] {
        let changes = (try? FileManager.default.contentsOfDirectory(atPath: evidence)) ?? []
        return changes.flatMap { change -> [String] in
            let runs = (try? FileManager.default.contentsOfDirectory(atPath: "\(evidence)/\(change)")) ?? []
            return runs.filter { !$0.hasPrefix(".") }.map { "\(evidence)/\(change)/\($0)" }
        }.filter { !$0.hasSuffix(".tar.gz") }.sorted()
    }

    static var binary: String {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/" {
            let candidate = url.deletingLastPathComponent().appendingPathComponent("patchlab")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
            url = url.deletingLastPathComponent()
        }
        return ".build/debug/patchlab"
    }

    /// A running `patchlab` whose output is collected as it comes.
    final class Running: @unchecked Sendable {
        let process = Process()
        private let lock = NSLock()
        private var collected = Data()
        var pid: Int32 { process.processIdentifier }
        var output: String { lock.withLock { String(decoding: collected, as: UTF8.self) } }

        func append(_ data: Data) { lock.withLock { collected.append(data) } }

        func wait() async -> Int32 {
            while process.isRunning { try? await Task.sleep(for: .milliseconds(200)) }
            return process.terminationStatus
        }
    }

    func environment() -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["PATCHLAB_DB"] = database
        environment["PATCHLAB_EVIDENCE"] = evidence
        return environment
    }

    func start(_ arguments: [String]) throws -> Running {
        let running = Running()
        running.process.executableURL = URL(fileURLWithPath: Self.binary)
        running.process.arguments = arguments
        running.process.environment = environment()
        let pipe = Pipe()
        running.process.standardOutput = pipe
        running.process.standardError = pipe
        pipe.fileHandleForReading.readabilityHandler = { handle in running.append(handle.availableData) }
        try running.process.run()
        return running
    }

    func waitForOutput(_ running: Running, containing text: String, timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while !running.output.contains(text) {
            guard running.process.isRunning, ContinuousClock.now < deadline else {
                Issue.record("never saw \"\(text)\"; output so far:\n\(running.output)")
                throw CancellationError()
            }
            try await Task.sleep(for: .milliseconds(250))
        }
    }

    func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        process.environment = environment()
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    func domainName() throws -> String {
        let names = try virsh("list", "--all", "--name").split(separator: "\n").map(String.init)
        guard let name = names.first(where: { $0.hasPrefix("pl-itsolo-") && $0.hasSuffix("-web-01") }) else {
            throw EngineError.labNotUp(lab: "itsolo")
        }
        return name
    }

    /// Leaves nothing behind even when a test failed half-way.
    func cleanUp() {
        _ = try? run(["lab", "down", RealVMTests.RehearsalCrashTests.labFile])
        try? FileManager.default.removeItem(atPath: database)
        try? FileManager.default.removeItem(atPath: evidence)
    }
}
