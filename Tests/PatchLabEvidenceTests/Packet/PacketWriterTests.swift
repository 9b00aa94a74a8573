import Foundation
import PatchLabModel
import Testing
@testable import PatchLabEvidence
import PatchLabTestSupport

/// What a written packet holds, and how writing fails.
@Suite struct PacketWriterTests {
    @Test func thePacketHoldsEveryPartInItsPlace() throws {
        let packet = try SamplePacket()
        let paths = Set(try FileManager.default.subpathsOfDirectory(atPath: packet.folder))
        for expected in [
            "summary.html", "summary.md", "change.json", "rehearsal.json", "manifest.json", "manifest.sig.json",
            "lab/lab.yaml", "lab/environment.json", "lab/domains/web-01.xml", "plans/web.yaml",
            "results/baseline/results.xml", "results/post-patch/results.json", "results/post-rollback/report.html",
            "logs/post-patch/WEB/WEB-002@web-01/attempt-1/stdout", "logs/patch/web-02/stderr",
            "logs/consoles/web-01.log", "logs/harness.log", "logs/journal.json",
            "fingerprints/baseline/web-01.json", "fingerprints/diffs/patch-web-01.json", "fingerprints/diffs/rollback-web-01.json",
            "attestations/baseline.intoto.json", "attestations/post-patch.intoto.json",
            "attestations/post-rollback.intoto.json", "attestations/rollback-verify.intoto.json",
        ] {
            #expect(paths.contains(expected), "missing \(expected)")
        }
        let archive = packet.written.archive
        #expect(archive.hasSuffix("/CHG-0042-run-20260101-100000-ab12.tar.gz"))
        #expect(packet.folder.hasSuffix("/CHG-0042/run-20260101-100000-ab12"))
    }

    @Test func theManifestListsEveryOtherFileWithItsDigest() throws {
        let packet = try SamplePacket()
        let manifest = packet.written.manifest
        let files = try FileManager.default.subpathsOfDirectory(atPath: packet.folder).filter {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: packet.path($0), isDirectory: &isDirectory)
            return !isDirectory.boolValue
        }
        #expect(Set(manifest.files.map(\.path)) == Set(files).subtracting(["manifest.json", "manifest.sig.json"]))
        for entry in manifest.files {
            #expect(try StreamingDigest.sha256(ofFile: packet.path(entry.path)) == (entry.sha256, entry.size))
        }
        #expect(manifest.verdict == "NO-GO")
        #expect(manifest.change == "CHG-0042")
    }

    /// Each phase's in-toto statement: the patch file as subject, the plans and lab file as configuration.
    @Test func attestationsAreTestResultStatementsAboutThePatch() throws {
        let packet = try SamplePacket()
        let envelope = try DSSEEnvelope.decode(Data(contentsOf: URL(fileURLWithPath: packet.path("attestations/post-patch.intoto.json"))))
        #expect(envelope.payloadType == "application/vnd.in-toto+json")
        _ = try envelope.verify(with: packet.trusted)
        let json = try #require(try JSONSerialization.jsonObject(with: envelope.payload) as? [String: Any])
        #expect(json["_type"] as? String == "https://in-toto.io/Statement/v1")
        #expect(json["predicateType"] as? String == "https://in-toto.io/attestation/test-result/v0.1")
        let subject = try #require((json["subject"] as? [[String: Any]])?.first)
        #expect(subject["name"] as? String == "nginx-light_1.22.1-9+deb12u11_all.deb")
        #expect((subject["digest"] as? [String: String])?["sha256"] == SummaryFixtures.digest)
        let predicate = try #require(json["predicate"] as? [String: Any])
        #expect(predicate["result"] as? String == "FAILED")
        #expect((predicate["failedTests"] as? [String])?.contains("WEB/WEB-002@web-01") == true)
        #expect((predicate["passedTests"] as? [String])?.contains("WEB/WEB-001@web-01") == true)
        let configuration = (predicate["configuration"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(configuration == ["lab/lab.yaml", "plans/smoke.yaml", "plans/web.yaml"])
    }

    @Test func anExistingPacketIsNeverOverwritten() throws {
        let packet = try SamplePacket()
        let writer = PacketWriter(result: packet.result, lab: nil, signingKey: packet.key, toolVersion: "test")
        #expect(throws: PacketError.exists(packet.folder)) { try writer.write(into: packet.scratch.path("evidence")) }
    }

    /// The archive cannot be moved into place (its name is taken by a folder): neither the packet
    /// folder nor a staging copy is left behind.
    @Test func aFailedWriteLeavesNoPacket() throws {
        let scratch = try TemporaryDirectory("packet-fail")
        var result = SummaryFixtures.noGo().result
        result.runDirectory = scratch.path("run")
        try SamplePacket.layOutRunDirectory(result)
        let root = scratch.path("evidence")
        let archive = PacketLayout.archive(root: root, change: "CHG-0042", runID: result.runID)
        try FileManager.default.createDirectory(atPath: archive + "/blocker", withIntermediateDirectories: true)
        #expect(throws: PacketError.self) {
            try PacketWriter(result: result, lab: nil, signingKey: .generate(), toolVersion: "test").write(into: root)
        }
        #expect((try? FileManager.default.contentsOfDirectory(atPath: root + "/CHG-0042"))?.isEmpty ?? true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: archive) == ["blocker"], "no archive was written")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: root).filter {
                $0 != "CHG-0042" && $0 != (archive as NSString).lastPathComponent
            }
            .isEmpty, "no staging folder left")
    }

    @Test func theReaderGivesBackTheOverview() throws {
        let packet = try SamplePacket()
        let overview = try PacketReader.overview(of: packet.written.archive)
        #expect(overview.result.runID == packet.result.runID)
        #expect(overview.result.verdict == .noGo)
        #expect(overview.patchFiles.map(\.sha256) == [SummaryFixtures.digest])
        #expect(overview.files.contains("logs/harness.log"))
        #expect(throws: PacketError.self) { try PacketReader.overview(of: packet.scratch.path("run")) }
    }
}
