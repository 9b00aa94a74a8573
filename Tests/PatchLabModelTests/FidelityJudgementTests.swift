import Foundation
import Testing
@testable import PatchLabModel

/// What fidelity does to the verdict (the table in ``FidelityJudgement``), the change file's
/// `fidelity:` demand, and the verifier's recomputation of a packet's verdict with it.
@Suite struct FidelityJudgementTests {
    static let reference = ProductionReference(
        name: "prod-web-01", host: "prod-web-01", capturedAt: Date(timeIntervalSince1970: 0),
        capturedBy: "root", method: .ssh, hostKey: nil, recordSHA256: digestA)

    /// A machine scoring `same` out of 4 packages, with the given start versions.
    static func machine(_ name: String = "web-01", same: Int, starts: [StartVersion] = []) -> MachineFidelity {
        let differences = (0..<(4 - same)).map { FidelityDifference(kind: .missingInLab, key: "p\($0)", lab: nil, production: "1") }
        return MachineFidelity(
            machine: name, mirrors: "prod-web-01.example.com", production: reference,
            dimensions: [FidelityDimension(kind: .packages, same: same, differences: differences)], startVersions: starts)
    }

    static let differentStart = StartVersion(package: "nginx", lab: "1.22.1-9+deb12u9", production: "1.22.1-9+deb12u3")
    static let sameStart = StartVersion(package: "nginx", lab: "1.22.1-9+deb12u9", production: "1.22.1-9+deb12u9")

    @Test func noDemandOnlyWarnsOfADifferentStart() {
        let judged = FidelityJudgement(
            report: FidelityReport(machines: [Self.machine(same: 1, starts: [Self.differentStart])]), demand: nil)
        #expect(judged.blockers.isEmpty)
        #expect(judged.warnings == ["web-01: the lab tested the upgrade of nginx from 1.22.1-9+deb12u9; production runs 1.22.1-9+deb12u3"])
        #expect(FidelityJudgement(report: nil, demand: nil) == FidelityJudgement(report: FidelityReport(machines: []), demand: nil))
        #expect(FidelityJudgement(report: nil, demand: nil).blockers.isEmpty, "not measured and not demanded: nothing")
    }

    @Test func aScoreBelowTheDemandIsABlocker() {
        let report = FidelityReport(machines: [Self.machine(same: 3), Self.machine("web-02", same: 4)])
        let judged = FidelityJudgement(report: report, demand: FidelityDemand(min: 0.9))
        #expect(
            judged.blockers == [
                "the lab does not mirror production: web-01 scores 0.75 against prod-web-01, below the 0.90 the change demands"
            ])
        #expect(
            FidelityJudgement(report: report, demand: FidelityDemand(min: 0.75)).blockers.isEmpty,
            "at the minimum is enough, though 0.35 × 0.75 / 0.35 is 0.7499999999999999 in binary")
    }

    @Test func aDemandedStartVersionThatDiffersIsABlocker() {
        let report = FidelityReport(machines: [Self.machine(same: 4, starts: [Self.differentStart, Self.sameStart])])
        let judged = FidelityJudgement(report: report, demand: FidelityDemand(sameStartVersions: true))
        #expect(
            judged.blockers == [
                "the lab does not mirror production: on web-01 the lab tested the upgrade of nginx from "
                    + "1.22.1-9+deb12u9; production runs 1.22.1-9+deb12u3"
            ])
        #expect(judged.warnings.isEmpty)
    }

    @Test func aDemandWithoutMeasurementIsABlocker() {
        let unmeasured = MachineFidelity.notMeasured(
            machine: "web-02", mirrors: "prod-web-02.example.com", reason: "no production capture of prod-web-02.example.com")
        let judged = FidelityJudgement(
            report: FidelityReport(machines: [Self.machine(same: 4), unmeasured]),
            demand: FidelityDemand(min: 0.5))
        #expect(
            judged.blockers == [
                "the lab does not mirror production: fidelity not measured for web-02 (no production capture of prod-web-02.example.com)"
            ])
        #expect(
            FidelityJudgement(report: nil, demand: FidelityDemand(sameStartVersions: true)).blockers
                == ["the lab does not mirror production: fidelity not measured (demanded: the same start versions as production)"])
        #expect(FidelityJudgement(report: nil, demand: FidelityDemand()).blockers.isEmpty, "an empty demand demands nothing")
    }

    /// The verdict decided with fidelity: a NO-GO for the lab, a GO WITH WARNINGS for a start that
    /// differs, and the verifier's recomputation from the recorded result agrees either way.
    @Test func theVerdictAndItsRecomputation() throws {
        let proven = RollbackProof(proven: true, reasons: [])
        let low = FidelityReport(machines: [Self.machine(same: 2)])
        let decided = RehearsalVerdict.decide(
            baselineVerdict: .go, baselineFailuresAccepted: false, patchFailed: false, postPatchVerdict: .go,
            rollback: proven, fidelity: FidelityJudgement(report: low, demand: FidelityDemand(min: 0.9)))
        #expect(decided.verdict == .noGo)
        #expect(decided.reasons.first?.hasPrefix("the lab does not mirror production: web-01 scores 0.50") == true)
        let warned = RehearsalVerdict.decide(
            baselineVerdict: .go, baselineFailuresAccepted: false, patchFailed: false, postPatchVerdict: .go,
            rollback: proven,
            fidelity: FidelityJudgement(
                report: FidelityReport(machines: [Self.machine(same: 4, starts: [Self.differentStart])]),
                demand: nil))
        #expect(warned.verdict == .goWithWarnings)

        var change = try parseChange(changeText(top: "fidelity: {min: 0.9}"))
        #expect(change.fidelity?.min == 0.9)
        let passed = CaseResult(
            caseID: "WEB-001", title: "nginx answers", planID: "WEB", machine: "web-01", severity: .critical, state: .passed)
        let run = PlanRunResult(
            runID: "R", planID: "WEB", planTitle: "web", planVersion: "1", planDigest: digestA, lab: "demo",
            startedAt: Date(), endedAt: Date(), verdict: .go, results: [passed])
        var result = RehearsalResult(
            runID: "R", change: change, labName: "demo", startedAt: Date(), endedAt: Date(), verdict: .go, reasons: [],
            interrupted: false, phases: [], planRuns: [.baseline: [run], .postPatch: [run], .postRollback: [run]],
            fingerprints: [:], patchDiffs: [], patchOutcomes: [], rollbackProof: proven, patchedMachines: [],
            runDirectory: "/tmp", fidelity: low)
        #expect(result.recomputedVerdict() == .noGo, "the verifier finds the NO-GO the demand gives")
        // A forged score over the same counts changes nothing: decisions use the counts.
        result.fidelity!.machines[0].score = 1
        result.fidelity!.machines[0].dimensions[0].score = 1
        #expect(result.recomputedVerdict() == .noGo)
        change.fidelity = nil
        result.change = change
        #expect(result.recomputedVerdict() == .go)
    }

    @Test func theChangeFileDemand() throws {
        let change = try parseChange(changeText(top: "fidelity:\n  min: 0.9\n  same_start_versions: true"))
        #expect(change.fidelity?.min == 0.9 && change.fidelity?.sameStartVersions == true)
        #expect(change.fidelity?.location.line == 16)
        let stored = try JSONDecoder().decode(Change.self, from: JSONEncoder().encode(change))
        #expect(stored.fidelity == change.fidelity, "the demand is kept with the change in results and packets")
        #expect(try parseChange(changeText()).fidelity == nil)
        #expect(try parseChange(changeText(top: "fidelity:")).fidelity == nil)
        expectChangeError(changeText(top: "fidelity: {min: 1.5}"), at: "15:17", mentions: ["out of range", "0 to 1", "1.5"])
        expectChangeError(changeText(top: "fidelity: {min: high}"), at: "15:17", mentions: ["expected a number", "high"])
        expectChangeError(changeText(top: "fidelity: {same_start_versions: maybe}"), at: "15:33", mentions: ["true or false"])
        expectChangeError(
            changeText(top: "fidelity: {minimum: 0.9}"), at: "15:12", mentions: ["unknown key 'minimum'", "min, same_start_versions"])
    }

    /// Old records (run store, packets) have no fidelity and no demand: they decode, and change nothing.
    @Test func recordsWithoutFidelityStillDecode() throws {
        let change = try parseChange(changeText())
        let result = RehearsalResult(
            runID: "R", change: change, labName: "demo", startedAt: Date(), endedAt: Date(), verdict: .go, reasons: [],
            interrupted: false, phases: [], planRuns: [:], fingerprints: [:], patchDiffs: [], patchOutcomes: [],
            rollbackProof: nil, patchedMachines: [], runDirectory: "/tmp")
        var object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as! [String: Any]
        var changeObject = object["change"] as! [String: Any]
        var spec = changeObject["fingerprint"] as! [String: Any]
        spec.removeValue(forKey: "origins")
        changeObject["fingerprint"] = spec
        changeObject.removeValue(forKey: "fidelity")
        object["change"] = changeObject
        object.removeValue(forKey: "fidelity")
        let decoded = try JSONDecoder().decode(RehearsalResult.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(decoded.fidelity == nil && decoded.change.fidelity == nil && decoded.change.fingerprint.origins == false)
    }
}
