import Foundation
import PatchLabModel
import Testing
@testable import PatchLabEngine

/// `change new`'s two writers: a batch of pending updates, and the follow-up of a bisected batch
/// without its culprit, each written as a change file that loads back and rehearses.
@Suite struct ChangeWritingTests {
    /// The follow-up of a batch whose culprit was found: the other patches, rehearsed GO in one pass.
    @Test func theFollowUpWithoutTheCulpritIsWrittenAndRehearsesGo() async throws {
        let rig = try BatchBisectionTests.Rig(patches: ["p1", "p2", "p3", "p4"], breaks: { $0.contains("p3") })
        defer { rig.lab.cleanUp() }
        let failed = try await rig.rehearse()
        #expect(failed.batch?.bisection?.culprits == ["p3"])
        let store = try RunStore(environment: rig.lab.environment)
        let writer = ChangeFromRun(store: store)
        let followUp = try writer.write(run: failed.runID, without: nil, id: nil, output: nil)
        #expect(followUp.id == "CHG-0010", "the next number after CHG-0009 in the change's folder")
        #expect(followUp.file == rig.lab.home + "/CHG-0010.yaml")
        #expect(followUp.patches.map(\.id) == ["p1", "p2", "p4"])
        #expect(followUp.title == "a batch (without p3)")
        #expect(followUp.reason.hasPrefix("Follow-up of CHG-0009, rehearsed in run \(failed.runID): the same batch without p3"))
        #expect(throws: ChangeWriteError.exists(followUp.file)) {
            try writer.write(run: failed.runID, without: nil, id: "CHG-0010", output: nil)
        }
        #expect(throws: ChangeWriteError.unknownPatches(["p9"], known: ["p1", "p2", "p3", "p4"])) {
            try writer.write(run: failed.runID, without: ["p9"], id: "CHG-0011", output: nil)
        }
        #expect(throws: ChangeWriteError.nothingLeft(run: failed.runID)) {
            try writer.write(run: failed.runID, without: ["p1", "p2", "p3", "p4"], id: "CHG-0011", output: nil)
        }

        let passed = try await BatchBisectionTests.Rig(reusing: rig, change: followUp.file).rehearse()
        #expect(passed.verdict == .go, "\(passed.reasons)")
        #expect(passed.batch?.bisection == nil)
        #expect(!passed.phases.map(\.name).contains(.bisect))
        #expect(passed.patchVerdicts.map(\.state) == [.safe, .safe, .safe])

        // One patch left keeps its id, as a batch of one.
        let single = try writer.write(run: failed.runID, without: ["p1", "p2", "p3"], id: "CHG-0012", output: nil)
        #expect(single.patches.map(\.id) == ["p4"])
    }

    /// Pending updates grouped per source package into a batch, the `.deb` files (already fetched
    /// and intact here, so apt is not asked) listed in SHA256SUMS, security first.
    @Test func pendingUpdatesBecomeOnePatchPerSourcePackage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("patchlab-updates-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in ["lab.yaml", "plan.yaml"] { FileManager.default.createFile(atPath: "\(folder)/\(name)", contents: Data("x".utf8)) }
        func update(_ package: String, _ source: String, _ suite: DebianRelease.Suite, _ from: String, _ to: String) throws -> PendingUpdate
        {
            let name = "\(package)_\(to)_amd64.deb"
            // Each change fetches into a folder of its own: the emergency subset below too.
            let path = "\(folder)/changes/CHG-0003/\(name)"
            for change in ["CHG-0003", "CHG-0004"] {
                try FileManager.default.createDirectory(atPath: "\(folder)/changes/\(change)", withIntermediateDirectories: true)
                FileManager.default.createFile(atPath: "\(folder)/changes/\(change)/\(name)", contents: Data("deb \(package)".utf8))
            }
            let record = AptRecord(
                package: package, version: to, source: source, architecture: "amd64", filename: "pool/main/\(name)",
                size: 10, sha256: try FileDigest.sha256(ofFile: path))
            return PendingUpdate(
                package: package, installed: from, candidate: to, suite: suite,
                suiteName: DebianRelease(codename: "bookworm").name(of: suite),
                source: source, record: record)
        }
        let machines = [
            MachineUpdates(
                machine: "web-01", release: "bookworm",
                updates: [
                    try update("libssl3", "openssl", .security, "3.0.20-1", "3.0.22-1"),
                    try update("tzdata", "tzdata", .updates, "2026b-0", "2026f-0"),
                    try update("openssl", "openssl", .security, "3.0.20-1", "3.0.22-1"),
                ]),
            MachineUpdates(
                machine: "web-02", release: "bookworm", updates: [try update("libexpat1", "expat", .security, "2.5.0-1", "2.5.0-2")]),
        ]
        let environment = EngineEnvironment(home: folder + "/home")
        let request = ChangeFromUpdates.Request(
            id: "CHG-0003", lab: folder + "/lab.yaml", plans: [folder + "/plan.yaml"],
            output: folder + "/changes/CHG-0003.yaml", origin: "lab demo")
        let change = try ChangeFromUpdates(environment: environment).write(request, updates: machines)
        #expect(change.patches.map(\.id) == ["expat", "openssl", "tzdata"], "security first, then by name")
        #expect(change.patches.map(\.priority) == [.high, .high, .medium])
        #expect(change.patch(id: "openssl")?.files.map(\.fileName) == ["libssl3_3.0.22-1_amd64.deb", "openssl_3.0.22-1_amd64.deb"])
        #expect(change.patch(id: "openssl")?.files.first?.destination == "/var/tmp/patchlab/CHG-0003/openssl/libssl3_3.0.22-1_amd64.deb")
        #expect(
            change.patch(id: "openssl")?.install.description
                == "DEBIAN_FRONTEND=noninteractive dpkg --force-confold -i /var/tmp/patchlab/CHG-0003/openssl/*.deb")
        let sums = try String(contentsOfFile: folder + "/changes/CHG-0003/SHA256SUMS", encoding: .utf8)
        #expect(sums.split(separator: "\n").count == 4)
        #expect(change.title == "Pending updates of lab demo: 3 source packages (2 security)")
        let text = try String(contentsOfFile: folder + "/changes/CHG-0003.yaml", encoding: .utf8)
        #expect(text.contains("sha256_file: \"CHG-0003/SHA256SUMS\""))
        #expect(text.contains("lab: \"../lab.yaml\""))

        // An emergency subset of the same updates: only what --only names.
        var emergency = request
        emergency.only = ["libexpat1"]
        emergency.type = .emergency
        emergency.output = folder + "/changes/CHG-0004.yaml"
        let subset = try ChangeFromUpdates(environment: environment).write(emergency, updates: machines)
        #expect(subset.patches.map(\.id) == ["expat"])
        #expect(subset.type == .emergency)
        emergency.only = ["nginx"]
        emergency.output = folder + "/changes/CHG-0005.yaml"
        #expect(throws: ChangeWriteError.notPending(["nginx"], pending: ["expat", "openssl", "tzdata"])) {
            try ChangeFromUpdates(environment: environment).write(emergency, updates: machines)
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/changes/CHG-0005.yaml"))
        #expect(throws: ChangeWriteError.exists(folder + "/changes/CHG-0003.yaml")) {
            try ChangeFromUpdates(environment: environment).write(request, updates: machines)
        }
    }
}
