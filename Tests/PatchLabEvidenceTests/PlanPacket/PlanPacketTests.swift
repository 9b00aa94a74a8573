import Foundation
import PatchLabModel
import Testing
@testable import PatchLabEvidence
import PatchLabTestSupport

/// `plan run --packet`: a plan run's packet is written, read back and verified like a rehearsal's.
@Suite struct PlanPacketTests {
    @Test func aPlanRunPacketHoldsTheRunAndVerifiesAsFolderAndArchive() throws {
        let packet = try SamplePlanPacket()
        #expect(packet.folder.hasSuffix("/evidence/WEB/run-20260101-100000-ab12"))
        #expect(packet.written.archive.hasSuffix("/evidence/WEB-run-20260101-100000-ab12.tar.gz"))
        #expect(packet.written.manifest.kind == .planRun)
        #expect(packet.written.manifest.change == "WEB")
        #expect(packet.written.manifest.verdict == "NO-GO")
        let paths = Set(packet.written.manifest.files.map(\.path))
        for expected in [
            "plan-run.json", "summary.html", "summary.md", "lab/lab.yaml", "lab/environment.json",
            "lab/domains/web-01.xml", "plans/web.yaml", "logs/consoles/web-01.log",
            "results/plan-run/results.xml", "results/plan-run/results.json", "results/plan-run/report.md",
            "results/plan-run/report.html", "attestations/plan-run.intoto.json",
            "logs/WEB/WEB-002@web-01/attempt-1/stdout", "logs/WEB/WEB-002@web-01/attempt-2/stdout",
        ] {
            #expect(paths.contains(expected), "\(expected) missing from \(paths.sorted())")
        }
        // Only this run's attempts: the stale third attempt and another plan's logs stay out.
        #expect(!paths.contains("logs/WEB/WEB-001@web-01/attempt-3/stdout"))
        #expect(!paths.contains { $0.hasPrefix("logs/OLD/") })
        #expect(!paths.contains("rehearsal.json"))

        let folder = try packet.verify()
        #expect(folder.isIntact, "\(folder.problems)")
        #expect(folder.checks.map(\.name) == ["manifest", "signature", "files", "attestations", "verdict", "approvals"])
        #expect(folder.check("attestations")?.detail == "1 signed test-result attestations agree with the results")
        let archive = try packet.verify(packet.written.archive)
        #expect(archive.isIntact, "\(archive.problems)")
    }

    @Test func theAttestationIsAboutTheMachineImagesAndConfiguredWithPlanAndLab() throws {
        let packet = try SamplePlanPacket()
        let envelope = try DSSEEnvelope.decode(try Data(contentsOf: URL(fileURLWithPath: packet.path("attestations/plan-run.intoto.json"))))
        #expect(try envelope.verify(with: packet.trusted).keyID == packet.key.publicKey.keyID)
        let statement = try JSONDecoder().decode(PacketAttestations.Statement.self, from: envelope.payload)
        #expect(
            statement.subject == [
                ResourceDescriptor(name: "web-01: debian-12", digest: ["sha256": SamplePlanPacket.imageDigest]),
                ResourceDescriptor(name: "web-02: debian-12", digest: ["sha256": SamplePlanPacket.imageDigest]),
            ])
        #expect(statement.predicate.result == .failed)
        #expect(statement.predicate.configuration.compactMap(\.name) == ["lab/lab.yaml", "plans/web.yaml"])
        #expect(statement.predicate.failedTests.contains("WEB/WEB-002@web-01"))
        #expect(statement.predicate.passedTests == ["WEB/WEB-001@web-01", "WEB/WEB-001@web-02"])
    }

    @Test func withoutImageDigestsTheLabFileIsTheSubject() throws {
        let packet = try SamplePlanPacket(environment: false)
        let envelope = try DSSEEnvelope.decode(try Data(contentsOf: URL(fileURLWithPath: packet.path("attestations/plan-run.intoto.json"))))
        let statement = try JSONDecoder().decode(PacketAttestations.Statement.self, from: envelope.payload)
        let lab = try #require(packet.written.manifest.entry("lab/lab.yaml"))
        #expect(statement.subject == [ResourceDescriptor(name: "lab/lab.yaml", digest: ["sha256": lab.sha256])])
        #expect(try packet.verify().isIntact)
    }

    /// One byte of every file, each in turn: verify must fail and name that very file.
    @Test func changingAnyByteOfAnyFileIsCaughtAndNamed() throws {
        let packet = try SamplePlanPacket()
        try EveryByteTamper.check(folder: packet.folder, minimumFiles: 20) { try packet.verify() }
    }

    @Test func addedRemovedAndUntrustedAreCaught() throws {
        let packet = try SamplePlanPacket()
        try SampleRunDirectory.write("extra\n", to: packet.path("logs/extra.log"))
        #expect(try packet.verify().check("files")?.problems == ["logs/extra.log: not listed in the manifest (added after signing)"])
        try FileManager.default.removeItem(atPath: packet.path("logs/extra.log"))
        try FileManager.default.removeItem(atPath: packet.path("logs/consoles/web-01.log"))
        #expect(try packet.verify().check("files")?.problems == ["logs/consoles/web-01.log: listed in the manifest but missing"])
        let untrusted = try packet.verify(trusting: TrustedKeys([SigningKey.generate().publicKey]))
        #expect(untrusted.check("signature")?.passed == false)
        #expect(untrusted.check("attestations")?.passed == false)
    }

    /// A packet signed as it was written but stating GO over results that give NO-GO.
    @Test func aVerdictTheResultsDoNotGiveFailsVerification() throws {
        let packet = try SamplePlanPacket(stating: .go)
        let verification = try packet.verify()
        #expect(verification.check("files")?.passed == true)
        #expect(verification.check("verdict")?.problems.first == "plan-run.json: states GO but its results give NO-GO")
    }

    @Test func theSummariesStateTheVerdictOnceAndShowGuestTextAsText() throws {
        let packet = try SamplePlanPacket()
        let html = try packet.text("summary.html")
        #expect(PacketSummaryHTML.statedVerdict(in: html) == "NO-GO")
        #expect(PacketSummaryMarkdown.statedVerdict(in: try packet.text("summary.md")) == "NO-GO")
        let document = try XMLSupport.parse(html)
        #expect(document.rootElement()?.name == "html")
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;"))
        #expect(html.contains("prod-web-01.example.com"))
        #expect(html.contains(SamplePlanPacket.imageDigest))
        // The full logs the results name are links to the packet's own files.
        #expect(html.contains("href=\"logs/WEB-002@web-01.stdout.log\""))
        #expect(html.contains("href=\"logs/WEB/WEB-002@web-01/attempt-2/stdout\""))
        let markdown = try packet.text("summary.md")
        #expect(markdown.components(separatedBy: "**Verdict: ").count == 2)
        #expect(markdown.contains("selected by --tag web"))
        #expect(markdown.contains("[logs/WEB/WEB-002@web-01/attempt-1/stdout](logs/WEB/WEB-002@web-01/attempt-1/stdout)"))
    }

    @Test func readingBackTellsThePacketKindsApart() throws {
        let packet = try SamplePlanPacket()
        guard case let .planRun(overview) = try PacketReader.contents(of: packet.written.archive) else {
            Issue.record("a plan-run packet read back as a rehearsal's")
            return
        }
        #expect(overview.evidence == packet.evidence)
        #expect(overview.lab == nil)  // the sample's lab file is a stub
        #expect(overview.environment?.machines.count == 2)
        let text = PlanPacketSummaryText.render(overview)
        #expect(text.contains("Verdict: NO-GO"))
        #expect(text.contains("WEB-002 on web-01 FAILED: expected"))
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("(unverified: run packet verify)"))
        // What only a change's packet has (an export, a board decision) says what this one is.
        #expect(
            throws: PacketError.notAPacket(packet.folder, reason: "it is a plan run's packet (plan-run.json), not a change rehearsal's")
        ) {
            try PacketReader.overview(ofFolder: packet.folder)
        }
    }
}
