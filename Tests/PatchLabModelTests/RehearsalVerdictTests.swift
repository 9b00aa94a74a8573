import Foundation
import Testing
@testable import PatchLabModel

/// The rehearsal verdict table: GO only when the post-patch plans meet the go criteria and the
/// rollback is proven; NO-GO with every reason otherwise.
@Suite struct RehearsalVerdictTests {
    static let proven = RollbackProof(proven: true, reasons: [])
    static let unproven = RollbackProof(
        proven: false,
        reasons: [
            "web-01: file /etc/nginx/conf.d/broken.conf added",
            "WEB-001 on web-01: passed at baseline, failed after rollback",
        ])

    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var baseline: Verdict
        var accepted: Bool = false
        var patchFailed: Bool = false
        var failedOn: [String] = []
        var postPatch: Verdict?
        var rollback: RollbackProof?
        var verdict: Verdict
        var reasons: [String]
        var testDescription: String { name }
    }

    static let table: [Row] = [
        Row(name: "all good", baseline: .go, postPatch: .go, rollback: proven, verdict: .go, reasons: []),
        Row(
            name: "baseline warnings do not count", baseline: .goWithWarnings, postPatch: .go, rollback: proven,
            verdict: .go, reasons: []),
        Row(
            name: "post-patch warnings", baseline: .go, postPatch: .goWithWarnings, rollback: proven,
            verdict: .goWithWarnings, reasons: ["post-patch plans GO WITH WARNINGS"]),
        Row(
            name: "baseline failed stops everything", baseline: .noGo, postPatch: nil, rollback: nil,
            verdict: .noGo, reasons: ["baseline failed"]),
        Row(
            name: "accepted baseline failures warn", baseline: .noGo, accepted: true, postPatch: .go, rollback: proven,
            verdict: .goWithWarnings,
            reasons: ["baseline failed, with failures the change accepts: the lab does not mirror a healthy production"]),
        Row(
            name: "patch failed, rollback proven", baseline: .go, patchFailed: true, failedOn: ["web-02"], postPatch: nil,
            rollback: proven, verdict: .noGo, reasons: ["patch install failed on web-02"]),
        Row(
            name: "patch failed, machines unknown", baseline: .go, patchFailed: true, postPatch: .noGo, rollback: proven,
            verdict: .noGo, reasons: ["patch install failed", "post-patch plans NO-GO"]),
        Row(
            name: "broken service, rollback proven", baseline: .go, postPatch: .noGo, rollback: proven,
            verdict: .noGo, reasons: ["post-patch plans NO-GO"]),
        Row(
            name: "post-patch not run", baseline: .go, postPatch: nil, rollback: proven,
            verdict: .noGo, reasons: ["post-patch plans not run"]),
        Row(
            name: "good patch, rollback not proven", baseline: .go, postPatch: .go, rollback: unproven, verdict: .noGo,
            reasons: [
                "rollback not proven: web-01: file /etc/nginx/conf.d/broken.conf added",
                "rollback not proven: WEB-001 on web-01: passed at baseline, failed after rollback",
            ]),
        Row(
            name: "warnings do not save an unproven rollback", baseline: .go, postPatch: .goWithWarnings,
            rollback: RollbackProof(proven: false, reasons: []), verdict: .noGo,
            reasons: ["rollback not proven", "post-patch plans GO WITH WARNINGS"]),
        Row(
            name: "rollback not rehearsed", baseline: .go, postPatch: .go, rollback: nil,
            verdict: .noGo, reasons: ["rollback not rehearsed"]),
        Row(
            name: "everything wrong", baseline: .noGo, accepted: true, patchFailed: true, failedOn: ["web-01", "web-02"],
            postPatch: .noGo, rollback: RollbackProof(proven: false, reasons: ["web-02: no fingerprint after rollback"]),
            verdict: .noGo,
            reasons: [
                "patch install failed on web-01, web-02", "post-patch plans NO-GO",
                "rollback not proven: web-02: no fingerprint after rollback",
                "baseline failed, with failures the change accepts: the lab does not mirror a healthy production",
            ]),
    ]

    @Test(arguments: table)
    func decides(row: Row) {
        let decision = RehearsalVerdict.decide(
            baselineVerdict: row.baseline, baselineFailuresAccepted: row.accepted,
            patchFailed: row.patchFailed, patchFailedOn: row.failedOn,
            postPatchVerdict: row.postPatch, rollback: row.rollback)
        #expect(decision.verdict == row.verdict)
        #expect(decision.reasons == row.reasons)
    }

    @Test func theSketchedCallStillCompiles() {
        let decision = RehearsalVerdict.decide(
            baselineVerdict: .go, baselineFailuresAccepted: false, patchFailed: false,
            postPatchVerdict: .go, rollback: Self.proven)
        #expect(decision.verdict == .go)
    }
}
