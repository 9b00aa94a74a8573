import Foundation
import PatchLabModel
import Testing
@testable import PatchLabEvidence
import PatchLabTestSupport

/// Fidelity in the evidence packet: `fidelity.json`, a signed attestation, the summaries, and what
/// `packet verify` checks of them.
@Suite struct PacketFidelityTests {
    @Test func aPacketCarriesItsFidelitySignedAndVerifies() throws {
        let packet = try SamplePacket(SummaryFixtures.goWithFidelity())
        let verification = try packet.verify()
        #expect(verification.isIntact, "\(verification.problems)")
        #expect(verification.check("attestations")?.detail?.contains("the signed fidelity attestation") == true)
        let envelope = try DSSEEnvelope.decode(try Data(contentsOf: URL(fileURLWithPath: packet.path("attestations/fidelity.intoto.json"))))
        let statement = try InTotoStatement<FidelityPredicate>.decode(envelope.payload, predicateType: FidelityPredicate.predicateType)
        #expect(statement.predicate.measured)
        #expect(statement.predicate.machines.map(\.machine) == ["web-01", "web-02"])
        #expect(statement.predicate.machines[0].dimension(.packages)?.differences.count == 3)
        #expect(statement.subject.map(\.name) == ["nginx-light_1.22.1-9+deb12u11_all.deb"])
        let json = try PacketJSON.decoder.decode(
            FidelityPredicate.self, from: Data(contentsOf: URL(fileURLWithPath: packet.path("fidelity.json"))))
        #expect(json == statement.predicate)
    }

    /// A capture's time comes from its file (read back from text): at the milliseconds where
    /// Foundation's formatter writes a time read back as the millisecond before, the packet wrote
    /// `fidelity.json` one millisecond off `rehearsal.json`, and a real rehearsal's packet failed
    /// verification. Each such millisecond of a second, read as a capture file gives it.
    @Test func aCaptureTimeReadFromItsFileVerifiesAtEveryMillisecond() throws {
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        let second = SummaryFixtures.start.timeIntervalSince1970.rounded(.down) - 86_400
        let drifting = (0..<1000).map { Date(timeIntervalSince1970: second + Double($0) / 1000) }.filter {
            let text = $0.formatted(style)
            return (try? Date(text, strategy: style))?.formatted(style) != text
        }
        #expect(drifting.count > 10)
        for captured in drifting.prefix(4) {
            var report = SummaryFixtures.fidelity()
            report.machines[0].production?.capturedAt = try #require(ISO8601Dates.parse(captured.formatted(style)))
            let verification = try SamplePacket(SummaryFixtures.goWithFidelity(report)).verify()
            #expect(verification.isIntact, "captured at \(captured.timeIntervalSince1970): \(verification.problems)")
        }
    }

    @Test func theSummariesShowItBesideTheVerdict() throws {
        let overview = SummaryFixtures.goWithFidelity(SummaryFixtures.fidelity(startFrom: "1.22.1-9+deb12u3"))
        #expect(overview.result.verdict == .goWithWarnings)
        let html = PacketSummaryHTML.render(overview)
        #expect(html.contains("Fidelity to production: web-01 0.90 against prod-web-01; web-02 not measured"))
        #expect(html.contains("<section id=\"fidelity\">"))
        #expect(
            html.contains(
                "DIFFERENT START: the lab tested the upgrade of nginx-light from 1.22.1-9+deb12u9; production runs 1.22.1-9+deb12u3"))
        #expect(html.contains("kernel: lab 6.1.0-57-amd64, production 6.1.0-26-amd64"))
        #expect(html.contains("host key ssh-ed25519 SHA256:2EkzL5Rpd1zy31Tc2V4Z0iniz4qAQkjkm6CLluUR81Y"))
        #expect(!html.contains(SummaryFixtures.attack), "a difference's name is escaped like all guest text")
        #expect(html.contains("Not measured: no production capture of prod-web-02.example.com."))
        let markdown = PacketSummaryMarkdown.render(overview)
        #expect(markdown.contains("Fidelity to production: web-01 0.90 against prod-web-01; web-02 not measured"))
        #expect(markdown.contains("| Packages | 0.98 | 140 | 1 | 1 | 1 |"))
        let text = PacketSummaryText.render(overview, colour: false)
        #expect(text.contains("Fidelity to production: web-01 0.90 against prod-web-01; web-02 not measured"))
        #expect(
            text.contains("  web-01: the lab tested the upgrade of nginx-light from 1.22.1-9+deb12u9; production runs 1.22.1-9+deb12u3"))
        // Read back by the verifier: the verdict is still the one the page states.
        #expect(PacketSummaryHTML.statedVerdict(in: html) == "GO WITH WARNINGS")
        #expect(PacketSummaryMarkdown.statedVerdict(in: markdown) == "GO WITH WARNINGS")
    }

    @Test func withoutACaptureThePacketSaysNotMeasured() throws {
        var overview = SummaryFixtures.go()
        overview.result.fidelity = FidelityReport(machines: [
            .notMeasured(machine: "web-01", mirrors: "prod-web-01.example.com", reason: "none")
        ])
        #expect(
            PacketSummaryHTML.render(overview).contains(
                "Fidelity to production: not measured: no production capture of the hosts the lab mirrors"))
        let packet = try SamplePacket(overview)
        #expect(try packet.verify().isIntact)
        let old = try SamplePacket(SummaryFixtures.go())
        #expect(!FileManager.default.fileExists(atPath: old.path("fidelity.json")), "a result without fidelity has no fidelity files")
        #expect(try old.verify().isIntact)
    }

    /// The verdict is decided on the counts: a packet whose score was written over them is caught,
    /// and so is one that states GO against the change's demand.
    @Test func aForgedScoreOrAnIgnoredDemandIsCaught() throws {
        var forged = SummaryFixtures.fidelity()
        forged.machines[0].score = 0.99
        let scored = try SamplePacket(SummaryFixtures.goWithFidelity(forged))
        let problems = try scored.verify().check("verdict")?.problems ?? []
        #expect(problems == ["rehearsal.json: web-01: states a fidelity of 0.99, but its counts give 0.90"])

        let demanded = try SamplePacket(SummaryFixtures.goWithFidelity(demand: FidelityDemand(min: 0.9)), stating: .go)
        let verdict = try demanded.verify().check("verdict")?.problems ?? []
        #expect(verdict.first == "rehearsal.json: states GO but its results give NO-GO")
    }

    /// An attestation saying other fidelity than the record, signed and listed in a re-signed
    /// manifest (as someone holding the key could): caught by comparing it with the record.
    @Test func anAttestationThatDisagreesWithTheRecordIsCaught() throws {
        let packet = try SamplePacket(SummaryFixtures.goWithFidelity())
        var other = FidelityPredicate(report: SummaryFixtures.fidelity(startFrom: "1.22.1-9+deb12u3"), demand: nil)
        other.warnings = []
        let statement = InTotoStatement(
            subject: [
                ResourceDescriptor(
                    name: "nginx-light_1.22.1-9+deb12u11_all.deb",
                    digest: ["sha256": SummaryFixtures.digest])
            ],
            predicateType: FidelityPredicate.predicateType, predicate: other)
        let envelope = try DSSEEnvelope.sign(
            payload: try statement.encoded(), payloadType: InTotoStatement<FidelityPredicate>.payloadType,
            with: packet.key)
        try envelope.encoded().write(to: URL(fileURLWithPath: packet.path("attestations/fidelity.intoto.json")))
        try packet.reseal()
        let verification = try packet.verify()
        #expect(verification.check("files")?.passed == true, "only the content disagrees")
        #expect(
            verification.check("attestations")?.problems
                == ["attestations/fidelity.intoto.json: says other fidelity than rehearsal.json and the change's demand give"])
    }
}
