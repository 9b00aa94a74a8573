import Foundation
import Testing
@testable import PatchLabModel

/// The rollback is proven only when fingerprints and case states are back to the baseline's; every
/// other outcome names each difference.
@Suite struct RollbackProofTests {
    func fingerprint(
        _ machine: String, phase: RehearsalPhase, nginx: String = "1.22.1-9+deb12u9",
        files: [String: String] = ["/etc/nginx/nginx.conf": digestA]
    ) -> Fingerprint {
        Fingerprint(
            machine: machine, phase: phase, packages: ["nginx-light": nginx],
            services: ["nginx.service": ServiceStatus(active: "active", enabled: "enabled")],
            ports: ["tcp/80"], files: files)
    }

    func result(_ caseID: String, on machine: String, _ state: ResultState, plan: String = "WEB") -> CaseResult {
        CaseResult(caseID: caseID, title: caseID, planID: plan, machine: machine, severity: .critical, state: state)
    }

    var baselineFingerprints: [Fingerprint] { [fingerprint("web-01", phase: .baseline), fingerprint("web-02", phase: .baseline)] }
    var rollbackFingerprints: [Fingerprint] { [fingerprint("web-02", phase: .postRollback), fingerprint("web-01", phase: .postRollback)] }
    var baselineResults: [CaseResult] {
        [result("WEB-001", on: "web-01", .passed), result("WEB-001", on: "web-02", .passed), result("WEB-007", on: "web-01", .failed)]
    }

    @Test func provenWhenEverythingIsAsAtTheBaseline() {
        // A case that failed at the baseline and fails again is "as it was": the proof is about the
        // rollback, not about the lab's health.
        let proof = RollbackProof.evaluate(
            baselineFingerprints: baselineFingerprints, rollbackFingerprints: rollbackFingerprints,
            baselineResults: baselineResults, rollbackResults: baselineResults.reversed())
        #expect(proof.proven)
        #expect(proof.reasons.isEmpty)
        #expect(proof.fingerprintDiffs.isEmpty)
        #expect(proof.machines == ["web-01", "web-02"])
    }

    @Test func notProvenWhenAFingerprintDiffers() {
        var after = rollbackFingerprints
        after[1] = fingerprint(
            "web-01", phase: .postRollback, nginx: "1.22.1-9+deb12u11",
            files: ["/etc/nginx/nginx.conf": digestA, "/etc/nginx/conf.d/broken.conf": digestB])
        let proof = RollbackProof.evaluate(
            baselineFingerprints: baselineFingerprints, rollbackFingerprints: after,
            baselineResults: baselineResults, rollbackResults: baselineResults)
        #expect(!proof.proven)
        #expect(
            proof.reasons == [
                "web-01: package nginx-light upgraded 1.22.1-9+deb12u9 → 1.22.1-9+deb12u11",
                "web-01: file /etc/nginx/conf.d/broken.conf added",
            ])
        #expect(proof.fingerprintDiffs.map(\.machine) == ["web-01"])
    }

    @Test func notProvenWhenAMachineIsMissingOnEitherSide() {
        let missing = RollbackProof.evaluate(
            baselineFingerprints: baselineFingerprints,
            rollbackFingerprints: [fingerprint("web-01", phase: .postRollback)],
            baselineResults: baselineResults, rollbackResults: baselineResults)
        #expect(!missing.proven)
        #expect(missing.reasons == ["web-02: no fingerprint after rollback"])

        let extra = RollbackProof.evaluate(
            baselineFingerprints: baselineFingerprints,
            rollbackFingerprints: rollbackFingerprints + [fingerprint("web-03", phase: .postRollback)],
            baselineResults: baselineResults, rollbackResults: baselineResults)
        #expect(extra.reasons == ["web-03: fingerprinted after rollback but not at baseline"])
        #expect(extra.machines == ["web-01", "web-02", "web-03"])

        let twice = RollbackProof.evaluate(
            baselineFingerprints: baselineFingerprints,
            rollbackFingerprints: rollbackFingerprints + [fingerprint("web-01", phase: .postRollback)],
            baselineResults: baselineResults, rollbackResults: baselineResults)
        #expect(twice.reasons == ["web-01: 1 baseline and 2 post-rollback fingerprints; expected one of each"])
    }

    @Test func notProvenWhenACaseStateDiffers() {
        let after = [
            result("WEB-001", on: "web-01", .passed), result("WEB-001", on: "web-02", .failed),
            result("WEB-007", on: "web-01", .passed),
        ]
        let proof = RollbackProof.evaluate(
            baselineFingerprints: baselineFingerprints, rollbackFingerprints: rollbackFingerprints,
            baselineResults: baselineResults, rollbackResults: after)
        #expect(!proof.proven)
        #expect(
            proof.reasons == [
                "WEB-001 on web-02: passed at baseline, failed after rollback",
                "WEB-007 on web-01: failed at baseline, passed after rollback",
            ])
    }

    @Test func notProvenWhenACaseRanOnOneSideOnly() {
        let after = [
            result("WEB-001", on: "web-01", .passed), result("WEB-007", on: "web-01", .failed),
            result("WEB-009", on: "web-02", .passed),
        ]
        let proof = RollbackProof.evaluate(
            baselineFingerprints: baselineFingerprints, rollbackFingerprints: rollbackFingerprints,
            baselineResults: baselineResults, rollbackResults: after)
        #expect(
            proof.reasons == [
                "WEB-001 on web-02: passed at baseline, not run after rollback",
                "WEB-009 on web-02: not run at baseline, passed after rollback",
            ])
    }

    @Test func aCaseRunTwiceComparesAllItsStates() {
        let before = [
            result("COMMON-001", on: "web-01", .passed, plan: "COMMON"), result("COMMON-001", on: "web-01", .passed, plan: "COMMON"),
        ]
        let after = [
            result("COMMON-001", on: "web-01", .passed, plan: "COMMON"), result("COMMON-001", on: "web-01", .timedOut, plan: "COMMON"),
        ]
        let proof = RollbackProof.evaluate(
            baselineFingerprints: baselineFingerprints, rollbackFingerprints: rollbackFingerprints,
            baselineResults: before, rollbackResults: after)
        #expect(proof.reasons == ["COMMON-001 on web-01: [passed, passed] at baseline, [passed, timed-out] after rollback"])
    }

    @Test func notProvenWithoutEvidence() {
        let proof = RollbackProof.evaluate(baselineFingerprints: [], rollbackFingerprints: [], baselineResults: [], rollbackResults: [])
        #expect(!proof.proven)
        #expect(
            proof.reasons == [
                "no machine was fingerprinted; expected a baseline and a post-rollback fingerprint of each machine",
                "no test results; expected the plans' results at baseline and after rollback",
            ])
    }

    @Test func verificationPlansMustHold() {
        var failed = result("SMOKE-002", on: "web-02", .failed, plan: "SMOKE")
        failed.message = "HTTP 502"
        let proof = RollbackProof.evaluate(
            baselineFingerprints: baselineFingerprints, rollbackFingerprints: rollbackFingerprints,
            baselineResults: baselineResults, rollbackResults: baselineResults,
            verificationResults: [
                result("SMOKE-001", on: "web-02", .passed, plan: "SMOKE"), failed,
                result("SMOKE-003", on: "web-02", .skipped, plan: "SMOKE"),
            ])
        #expect(proof.reasons == ["SMOKE-002 on web-02: failed in rollback verification (HTTP 502)"])
    }

    @Test func listsEveryDifferenceTogether() {
        let after = [fingerprint("web-01", phase: .postRollback, files: [:])]
        let proof = RollbackProof.evaluate(
            baselineFingerprints: baselineFingerprints, rollbackFingerprints: after,
            baselineResults: baselineResults, rollbackResults: Array(baselineResults.prefix(2)))
        #expect(
            proof.reasons == [
                "web-01: file /etc/nginx/nginx.conf removed",
                "web-02: no fingerprint after rollback",
                "WEB-007 on web-01: failed at baseline, not run after rollback",
            ])
        let data = try? JSONEncoder().encode(proof)
        #expect(data.flatMap { try? JSONDecoder().decode(RollbackProof.self, from: $0) } == proof)
    }
}
