import Foundation
import PatchLabEvidence
import PatchLabModel

/// Fidelity for the sample rehearsal: web-01 against a capture of prod-web-01 (a package at another
/// version, one missing in the lab, a kernel that differs, and a difference whose name is markup),
/// web-02 with no capture of its host.
extension SummaryFixtures {
    /// A capture time as a real clock gives it, with sub-millisecond digits that no JSON time here keeps.
    public static let capturedAt = start.addingTimeInterval(-86_400 + 0.123_456_7)

    public static let production = ProductionReference(
        name: "prod-web-01", host: "root@prod-web-01.example.com", capturedAt: capturedAt,
        capturedBy: "alice", method: .ssh,
        hostKey: "ssh-ed25519 SHA256:2EkzL5Rpd1zy31Tc2V4Z0iniz4qAQkjkm6CLluUR81Y",
        recordSHA256: digest)

    /// - Parameter startFrom: the production version of the patched nginx-light (the lab's is 1.22.1-9+deb12u9).
    public static func fidelity(startFrom production: String = "1.22.1-9+deb12u9") -> FidelityReport {
        let packages = FidelityDimension(
            kind: .packages, same: 140,
            differences: [
                FidelityDifference(kind: .different, key: "libssl3", lab: "3.0.15-1~deb12u1", production: "3.0.16-1~deb12u1"),
                FidelityDifference(kind: .missingInLab, key: "curl", lab: nil, production: "7.88.1-10+deb12u14"),
                FidelityDifference(kind: .onlyInLab, key: attack, lab: "1.0", production: nil),
            ])
        let system = FidelityDimension(
            kind: .system, same: 2,
            differences: [
                FidelityDifference(kind: .different, key: "kernel", lab: "6.1.0-57-amd64", production: "6.1.0-26-amd64")
            ])
        let web01 = MachineFidelity(
            machine: "web-01", mirrors: "prod-web-01.example.com", production: Self.production,
            dimensions: [system, packages, FidelityDimension(kind: .ports, same: 1, differences: [])],
            startVersions: [StartVersion(package: "nginx-light", lab: "1.22.1-9+deb12u9", production: production)])
        let web02 = MachineFidelity.notMeasured(
            machine: "web-02", mirrors: "prod-web-02.example.com",
            reason: "no production capture of prod-web-02.example.com")
        return FidelityReport(machines: [web01, web02])
    }

    /// The clean rehearsal with fidelity measured (and, when given, demanded by the change).
    public static func goWithFidelity(_ report: FidelityReport = fidelity(), demand: FidelityDemand? = nil) -> PacketOverview {
        var overview = go()
        overview.result.fidelity = report
        overview.result.change.fidelity = demand
        let judged = RehearsalVerdict.decide(
            baselineVerdict: .go, baselineFailuresAccepted: false, patchFailed: false, postPatchVerdict: .go,
            rollback: overview.result.rollbackProof, fidelity: FidelityJudgement(report: report, demand: demand))
        overview.result.verdict = judged.verdict
        overview.result.reasons = judged.reasons
        return overview
    }
}
