import Foundation
import Testing
import PatchLabModel
@testable import PatchLabEvidence
import PatchLabTestSupport

@Suite struct ChangeRecordTests {
    func json(_ overview: PacketOverview = SummaryFixtures.noGo()) throws -> [String: Any] {
        let data = try ChangeRecord(overview).encoded()
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func usesChangeManagementFieldNames() throws {
        let record = try json()
        #expect(
            Set(record.keys) == [
                "number", "short_description", "description", "type", "risk", "justification",
                "implementation_plan", "test_plan", "backout_plan", "test_result", "requested_by",
                "rehearsal", "patch_files",
            ])
        #expect(record["number"] as? String == "CHG-0042")
        #expect(record["short_description"] as? String == "Update nginx-light <b>now</b> | security")
        #expect(record["type"] as? String == "normal")
        #expect(record["risk"] as? String == "high")
        #expect(record["justification"] as? String == "DSA-5678-1: nginx <script>alert('reason')</script>")
        #expect(record["test_result"] as? String == "NO-GO")
        #expect(record["requested_by"] as? String == "alice@example.com")

        let rehearsal = try #require(record["rehearsal"] as? [String: Any])
        #expect(
            Set(rehearsal.keys) == [
                "run_id", "lab", "started_at", "ended_at", "ran_by", "host", "verdict", "reasons",
                "rollback_proven",
            ])
        #expect(rehearsal["run_id"] as? String == "run-20260101-100000-ab12")
        #expect(rehearsal["started_at"] as? String == "2026-01-01T10:00:00.000Z")
        #expect(rehearsal["ended_at"] as? String == "2026-01-01T10:10:00.000Z")
        #expect(rehearsal["ran_by"] as? String == "bob@lab-host")
        #expect(rehearsal["host"] as? String == "lab-host.example.com")
        #expect(rehearsal["reasons"] as? [String] == SummaryFixtures.reasons)

        let files = try #require(record["patch_files"] as? [[String: Any]])
        #expect(files.count == 1)
        #expect(files.first?["sha256"] as? String == SummaryFixtures.digest)
        #expect(files.first?["size"] as? Int == 1_234_567)
    }

    @Test func plansSayWhatWasDoneAndHowItIsUndone() throws {
        let record = try json()
        let implementation = try #require(record["implementation_plan"] as? String)
        #expect(implementation.contains("dpkg -i /var/tmp/patchlab/CHG-0042/*.deb && systemctl restart nginx"))
        #expect(implementation.contains("Deployment order: phased"))
        #expect(
            implementation.contains(
                "1. prod-web-01.example.com (lab machine web-01, role web, criticality pilot)\n"
                    + "2. prod-web-02.example.com (lab machine web-02, role web, criticality high)"))
        #expect(implementation.contains("sha256 \(SummaryFixtures.digest)"))
        let tests = try #require(record["test_plan"] as? String)
        #expect(tests.contains("- WEB \"Web tier acceptance <test>\" version 1.0"))
        #expect(tests.contains("- SMOKE \"Smoke\" version 3"))
        #expect(tests.contains("Verdict rule:"))
        let backout = try #require(record["backout_plan"] as? String)
        #expect(backout.contains("snapshot revert to run-20260101-100000-ab12-pre-CHG-0042 proven: no"))
        #expect(backout.contains("- web-01: package nginx-light upgraded 1.22.1-9+deb12u9 → 1.22.1-9+deb12u11"))

        let go = try json(SummaryFixtures.go())
        #expect((go["backout_plan"] as? String)?.contains("proven: yes") == true)
        #expect(go["test_result"] as? String == "GO")
    }

    @Test func absentValuesAreNullAndTheBytesAreStable() throws {
        var overview = SummaryFixtures.noGo()
        overview.result.ranBy = nil
        overview.result.change.requestedBy = nil
        let record = try json(overview)
        #expect(record["requested_by"] is NSNull)
        #expect((record["rehearsal"] as? [String: Any])?["ran_by"] is NSNull)
        #expect(try ChangeRecord(overview).encoded() == ChangeRecord(overview).encoded())
        let text = String(decoding: try ChangeRecord(overview).encoded(), as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"backout_plan\""))
    }
}
