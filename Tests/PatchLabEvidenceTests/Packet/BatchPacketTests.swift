import Foundation
import PatchLabModel
import Testing
@testable import PatchLabEvidence
import PatchLabTestSupport
#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A batch's packet: each bisection step's results and signed attestation are evidence like a
/// phase's, the verifier replays the bisection from them, and the summaries say which patches are safe.
@Suite struct BatchPacketTests {
    @Test func eachStepIsEvidenceAndTheBisectionVerifies() throws {
        let packet = try SamplePacket(BatchFixtures.noGo())
        let steps = try #require(packet.result.batch?.bisection?.steps)
        #expect(steps.map(\.patches) == [["libssh2", "xz-utils"], ["expat"], ["nginx-broken-config"]])
        let paths = Set(try FileManager.default.subpathsOfDirectory(atPath: packet.folder))
        for step in 1...3 {
            for expected in [
                "results/bisect/step-\(step)/results.json", "results/bisect/step-\(step)/results.xml",
                "attestations/bisect/step-\(step).intoto.json",
            ] {
                #expect(paths.contains(expected), "missing \(expected)")
            }
        }
        #expect(paths.contains("logs/bisect/step-2/patch/web-01/expat/stdout"))
        #expect(paths.contains("fingerprints/diffs/patches/xz-utils/web-01.json"))
        // Step 2's attestation is about the one patch it applied, and says what its results say.
        let envelope = try DSSEEnvelope.decode(
            Data(contentsOf: URL(fileURLWithPath: packet.path("attestations/bisect/step-2.intoto.json"))))
        _ = try envelope.verify(with: packet.trusted)
        let json = try #require(try JSONSerialization.jsonObject(with: envelope.payload) as? [String: Any])
        let subjects = (json["subject"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(subjects == ["expat_3.0-1_amd64.deb"])
        #expect((json["predicate"] as? [String: Any])?["result"] as? String == "PASSED")

        let verification = try packet.verify()
        #expect(verification.isIntact, "\(verification.problems)")
        let check = try #require(verification.checks.first { $0.name == "bisection" })
        #expect(check.problems.isEmpty)
        #expect(
            check.detail?.contains("3 subset runs replayed; bisection: culprit patch nginx-broken-config") == true, "\(check.detail ?? "")")
        // A packet of one patch lists the checks it always did.
        #expect(try SamplePacket().verify().checks.map(\.name).contains("bisection") == false)
    }

    /// A packet signed by a trusted key but claiming another culprit than its own steps lead to.
    @Test func aBisectionClaimNotBorneOutByItsStepsFailsVerification() throws {
        var overview = BatchFixtures.noGo()
        overview.result.batch?.bisection?.culprits = ["expat"]
        var problems = try SamplePacket(overview).verify().checks.first { $0.name == "bisection" }?.problems ?? []
        #expect(problems == ["rehearsal.json: bisection: it names expat as the culprit, but its steps lead to nginx-broken-config"])

        overview = BatchFixtures.noGo()
        overview.result.batch?.bisection?.steps[1].outcome = .reproduced
        problems = try SamplePacket(overview).verify().checks.first { $0.name == "bisection" }?.problems ?? []
        #expect(problems.first == "rehearsal.json: bisection: step 2 says reproduced, but its installs and plan results give passed")

        // A step's results rewritten after the run: the verdict check sees it, like a phase's.
        overview = BatchFixtures.noGo()
        overview.result.batch?.bisection?.steps[0].planRuns[0].results[0].state = .failed
        let verification = try SamplePacket(overview).verify()
        #expect(verification.checks.first { $0.name == "bisection" }?.problems.isEmpty == false)

        // More steps than a bisection takes: not replayed, said so (a hostile record cannot make verify slow).
        overview = BatchFixtures.noGo()
        let step = try #require(overview.result.batch?.bisection?.steps.first)
        overview.result.batch?.bisection?.steps = Array(repeating: step, count: BisectionPlanner.stepLimit(units: 4) + 1)
        problems = try SamplePacket(overview).verify().checks.first { $0.name == "bisection" }?.problems ?? []
        #expect(problems == ["rehearsal.json: bisection: it records 41 steps over 4 units, more than a bisection takes; not replayed"])

        // A skipped step: the next one is not what the search asks for.
        overview = BatchFixtures.noGo()
        overview.result.batch?.bisection?.steps.remove(at: 1)
        overview.result.batch?.bisection?.steps[1].number = 2
        problems = try SamplePacket(overview).verify().checks.first { $0.name == "bisection" }?.problems ?? []
        #expect(
            problems == [
                "rehearsal.json: bisection: step 2 applies nginx-broken-config, but after the steps before it the bisection asks for expat"
            ])
    }

    @Test func theSummariesSayWhichPatchesAreSafe() throws {
        let overview = BatchFixtures.noGo()
        let page = try XMLSupport.parse(PacketSummaryHTML.render(overview))
        let rows = try page.nodes(forXPath: "//section[@id='batch']//table[@class='batch-patches']/tbody/tr").compactMap {
            $0 as? XMLElement
        }
        #expect(rows.map { $0.attribute("data-patch") ?? "" } == BatchFixtures.patches)
        #expect(rows.map { $0.attribute("data-patch-verdict") ?? "" } == ["safe", "safe", "safe", "culprit"])
        let steps = try page.nodes(forXPath: "//section[@id='batch']//table[@class='bisection-steps']/tbody/tr").compactMap {
            $0 as? XMLElement
        }
        #expect(steps.map { $0.attribute("data-outcome") ?? "" } == ["passed", "passed", "reproduced"])
        #expect(try page.nodes(forXPath: "//nav//a[@href='#batch']").count == 1)
        let text = try page.nodes(forXPath: "//section[@id='batch']").map { $0.stringValue ?? "" }.joined()
        #expect(text.contains("patchlab change new --from-run run-20260101-100000-ab12 --without nginx-broken-config"))

        let markdown = PacketSummaryMarkdown.render(overview)
        #expect(markdown.contains("## Patches of the batch"))
        #expect(markdown.contains("| nginx-broken-config | critical | **CULPRIT** |"))
        #expect(markdown.contains("### Bisection"))
        let terminal = PacketSummaryText.render(overview, colour: false)
        #expect(terminal.contains("  SAFE: libssh2, xz-utils, expat\n  CULPRIT: nginx-broken-config\n"))
        #expect(!terminal.contains("\u{1B}[31m"), "guest text never colours the terminal")

        // A change of one patch has no batch section and no entry for it.
        let single = try XMLSupport.parse(PacketSummaryHTML.render(SummaryFixtures.noGo()))
        #expect(try single.nodes(forXPath: "//section[@id='batch'] | //nav//a[@href='#batch']").isEmpty)
        // The batch that passed: every patch safe, no bisection.
        let go = try XMLSupport.parse(PacketSummaryHTML.render(BatchFixtures.go()))
        #expect(try go.nodes(forXPath: "//tr/@data-patch-verdict").map { $0.stringValue ?? "" } == ["safe", "safe", "safe"])
        #expect(try go.nodes(forXPath: "//table[@class='bisection-steps']").isEmpty)
        #expect(try SamplePacket(BatchFixtures.go()).verify().isIntact)
    }
}
