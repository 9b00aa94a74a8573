import Foundation
import Testing
import PatchLabModel
@testable import PatchLabEvidence
import PatchLabTestSupport

@Suite struct ServiceNowExportTests {
    func body(_ overview: PacketOverview = SummaryFixtures.noGo()) throws -> [String: Any] {
        let data = try ServiceNowExport.render(overview, packetName: "CHG-0042-run-20260101-100000-ab12")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func usesChangeRequestFieldNamesOnly() throws {
        let body = try body()
        #expect(
            Set(body.keys) == [
                "short_description", "description", "type", "risk", "justification", "implementation_plan",
                "backout_plan", "test_plan", "correlation_id", "correlation_display", "attachments",
            ])
        #expect(!body.keys.contains { $0.hasPrefix("u_") })
        #expect(body["short_description"] as? String == "CHG-0042: Update nginx-light <b>now</b> | security")
        #expect(body["type"] as? String == "normal")
        #expect(body["correlation_id"] as? String == "CHG-0042")
        let description = try #require(body["description"] as? String)
        #expect(description.contains(": NO-GO."))
        #expect(description.contains("Requested by: alice@example.com."))
        #expect(description.contains("Evidence packet: CHG-0042-run-20260101-100000-ab12"))
        #expect((body["backout_plan"] as? String)?.contains("proven: no") == true)
    }

    @Test(arguments: [(ChangeRisk.high, "2"), (.medium, "3"), (.low, "4")])
    func mapsRiskToServiceNowValues(risk: ChangeRisk, value: String) throws {
        var overview = SummaryFixtures.noGo()
        overview.result.change.risk = risk
        #expect(try body(overview)["risk"] as? String == value)
    }

    @Test func listsTheFilesToAttach() throws {
        let attachments = try #require(try body()["attachments"] as? [[String: String]])
        #expect(
            attachments.map { $0["path"] ?? "" } == [
                "summary.html", "summary.md", "manifest.json", "manifest.sig.json", "attestations/rehearsal.intoto.json",
                "results/baseline/WEB.json", "results/post-patch/WEB.json", "results/post-rollback/WEB.json",
                "results/rehearsal.json", "results/rollback-verify/SMOKE.json",
            ])
        #expect(attachments.allSatisfy { Set($0.keys) == ["file_name", "content_type", "path"] })
        #expect(attachments[0]["content_type"] == "text/html")
        #expect(attachments[1]["content_type"] == "text/markdown")
        #expect(attachments[2]["content_type"] == "application/json")
        #expect(attachments[5]["file_name"] == "CHG-0042-run-20260101-100000-ab12_results_baseline_WEB.json")
        #expect(attachments.allSatisfy { !($0["file_name"] ?? "").contains("/") && !($0["file_name"] ?? "").contains(" ") })
    }

    @Test func cutsTextThatWouldNotFitAField() throws {
        var overview = SummaryFixtures.noGo()
        overview.result.change.reason = String(repeating: "long reason ", count: 1000)
        overview.result.change.title = String(repeating: "t", count: 300)
        let body = try body(overview)
        let justification = try #require(body["justification"] as? String)
        #expect(justification.count == ServiceNowExport.textLimit)
        #expect(justification.hasSuffix("the full text is in the attached summary.md)"))
        #expect((body["short_description"] as? String)?.count == ServiceNowExport.shortLimit)
    }
}
