import Foundation
import Testing
@testable import PatchLabModel

/// Waivers: a justification and an expiry, active through the end of the expiry day (UTC).
@Suite struct WaiverTests {
    @Test func waiverIsRead() throws {
        let testCase = try onlyCase(
            planWithCases(
                oneCase(
                    "    waiver: {justification: \"Known issue INC-42\", expires: 2026-12-31, approved_by: alice}")))
        #expect(
            testCase.waiver
                == Waiver(
                    justification: "Known issue INC-42", expires: CalendarDate("2026-12-31")!,
                    approvedBy: "alice", location: at(13, 13)))
    }

    @Test func waiverWithoutJustificationIsRefused() {
        expectPlanError(
            planWithCases(oneCase("    waiver: {expires: 2026-12-31}")), at: "13:13",
            mentions: [
                "missing required key 'justification' in waiver"
            ])
    }

    @Test func waiverWithoutExpiryIsRefused() {
        expectPlanError(
            planWithCases(oneCase("    waiver: {justification: known}")), at: "13:13",
            mentions: [
                "missing required key 'expires' in waiver"
            ])
    }

    @Test func blankJustificationIsRefused() {
        expectPlanError(
            planWithCases(oneCase("    waiver: {justification: \"  \", expires: 2026-12-31}")), at: "13:29",
            mentions: ["empty justification in waiver"])
    }

    @Test(arguments: ["2026-13-01", "2026-02-30", "31/12/2026", "2026-1-1", "tomorrow"])
    func invalidExpiryDateIsRefused(text: String) {
        expectPlanError(
            planWithCases(oneCase("    waiver: {justification: known, expires: \(text)}")), at: "13:45",
            mentions: ["invalid date '\(text)' for 'expires'", "expected a date YYYY-MM-DD"])
    }

    @Test func waiverIsActiveThroughTheEndOfItsExpiryDayUTC() {
        let waiver = Waiver(justification: "j", expires: CalendarDate("2026-12-31")!)
        let lastSecond = ISO8601DateFormatter().date(from: "2026-12-31T23:59:59Z")!
        let nextDay = ISO8601DateFormatter().date(from: "2027-01-01T00:00:00Z")!
        #expect(waiver.isActive(on: ISO8601DateFormatter().date(from: "2025-06-01T12:00:00Z")!))
        #expect(waiver.isActive(on: lastSecond))
        #expect(!waiver.isActive(on: nextDay))
    }

    @Test func caseIsWaivedOnlyWhileItsWaiverIsActive() throws {
        let testCase = try onlyCase(planWithCases(oneCase("    waiver: {justification: known, expires: 2024-02-29}")))
        #expect(testCase.isWaived(on: ISO8601DateFormatter().date(from: "2024-02-29T10:00:00Z")!))
        #expect(!testCase.isWaived(on: ISO8601DateFormatter().date(from: "2024-03-01T00:00:00Z")!))
        let unwaived = try onlyCase(planWithCases(oneCase()))
        #expect(!unwaived.isWaived(on: Date()))
    }

    @Test func calendarDatesOrderAndPrint() throws {
        #expect(CalendarDate("2026-01-31")! < CalendarDate("2026-02-01")!)
        #expect(CalendarDate("2000-02-29") != nil)
        #expect(CalendarDate("1900-02-29") == nil)
        #expect(CalendarDate(year: 2026, month: 3, day: 4)!.description == "2026-03-04")
        let encoded = try JSONEncoder().encode(CalendarDate("2026-12-31")!)
        #expect(String(decoding: encoded, as: UTF8.self) == "\"2026-12-31\"")
    }
}
