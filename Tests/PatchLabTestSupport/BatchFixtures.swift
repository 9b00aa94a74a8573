import Foundation
import PatchLabModel
import PatchLabEvidence

/// A batch of four patches rehearsed on web-01 for the evidence and board tests: the batch's
/// post-patch plans fail, and the bisection takes exactly the steps the planner asks for, each
/// step's plan results made by a lab in which only `culprit` breaks nginx. Every recorded fact
/// agrees with every other, as a real rehearsal's would.
public enum BatchFixtures {
    public static let patches = ["libssh2", "xz-utils", "expat", "nginx-broken-config"]

    public static func change() -> Change {
        var change = SummaryFixtures.change()
        change.title = "Fortnightly batch <b>\u{1B}[31mwith</b> | a broken config"
        change.patches = patches.enumerated().map { index, id in
            let name = "\(id)_\(index + 1).0-1_amd64.deb"
            return PatchSpec(
                id: id, description: "\(id) from bookworm-security <i>\(SampleRuns.nasty)</i>",
                files: [
                    PatchFile(
                        source: "/work/changes/CHG-0042/\(name)", sha256: String(repeating: "\(index + 1)", count: 64),
                        destination: "/var/tmp/patchlab/CHG-0042/\(id)/\(name)")
                ],
                install: .shell("dpkg -i /var/tmp/patchlab/CHG-0042/\(id)/*.deb"), priority: index == 3 ? .critical : .high)
        }
        return change
    }

    /// The plans after `applied` on web-01: NO-GO exactly when the culprit is among them.
    public static func plans(_ applied: [String], culprit: String, phase: RehearsalPhase, at offset: Double) -> PlanRunResult {
        let broken = applied.contains(culprit)
        let result = CaseResult(
            caseID: "WEB-001", title: "nginx is running", planID: "WEB", machine: "web-01", severity: .critical,
            state: broken ? .failed : .passed, stdout: broken ? "failed\n" : "active\n", exitCode: broken ? 3 : 0,
            startedAt: SampleRuns.start.addingTimeInterval(offset))
        return PlanRunResult(
            runID: "run-20260101-100000-ab12", planID: "WEB", planTitle: "Web tier acceptance <test>", planVersion: "1.0",
            planDigest: "sha256:" + String(repeating: "ab", count: 32), lab: "demo", phase: phase,
            startedAt: SampleRuns.start.addingTimeInterval(offset), endedAt: SampleRuns.start.addingTimeInterval(offset + 5),
            verdict: broken ? .noGo : .go, results: [result])
    }

    /// NO-GO, bisected to `culprit`.
    public static func noGo(culprit: String = "nginx-broken-config") -> PacketOverview {
        var overview = SummaryFixtures.go()
        let change = change()
        var result = overview.result
        result.change = change
        let installs = patches.map { id in
            PatchInstall(
                patch: id, machine: "web-01", succeeded: true, exitCode: 0, logDirectory: "/runs/x/patch/web-01/\(id)",
                diff: FingerprintDiff(machine: "web-01", packagesUpgraded: [.init(name: id, from: "1.0-0", to: "1.0-1")]))
        }
        result.planRuns[.postPatch] = [plans(patches, culprit: culprit, phase: .postPatch, at: 100)]
        result.patchOutcomes = [
            .init(
                machine: "web-01", succeeded: true, exitCode: 0, timedOut: false, message: nil, stdout: "",
                stderr: "", logDirectory: "/runs/x/patch/web-01")
        ]
        result.patchedMachines = ["web-01"]
        var bisection = Bisection(failure: .plans, units: patches.map { Bisection.Unit(patches: [$0]) })
        while case let .test(units) = bisection.nextDecision() {
            let applied = bisection.patches(of: units)
            let number = bisection.steps.count + 1
            let runs = [plans(applied, culprit: culprit, phase: .bisect, at: 200 + Double(number) * 20)]
            let stepInstalls = applied.map { PatchInstall(patch: $0, machine: "web-01", succeeded: true, exitCode: 0) }
            bisection.steps.append(
                BisectionStep(
                    number: number, patches: applied, installs: stepInstalls, planRuns: runs,
                    outcome: BisectionStep.outcome(installs: stepInstalls, planRuns: runs, failure: .plans),
                    reverts: 1, startedAt: SampleRuns.start.addingTimeInterval(200 + Double(number) * 20),
                    endedAt: SampleRuns.start.addingTimeInterval(215 + Double(number) * 20)))
        }
        if case let .done(units) = bisection.nextDecision() { bisection.culprits = bisection.patches(of: units) }
        bisection.complete = true
        result.batch = BatchRecord(installs: installs, bisection: bisection)
        result.verdict = .noGo
        result.reasons = ["post-patch plans NO-GO", bisection.summary]
        overview.result = result
        overview.patchFiles = []
        return overview
    }

    /// The same batch without its culprit: GO in one pass.
    public static func go() -> PacketOverview {
        var overview = noGo()
        overview.result.change.patches.removeLast()
        overview.result.planRuns[.postPatch] = [plans(Array(patches.dropLast()), culprit: "none", phase: .postPatch, at: 100)]
        overview.result.batch = BatchRecord(installs: overview.result.batch!.installs.dropLast(), bisection: nil)
        overview.result.verdict = .go
        overview.result.reasons = []
        return overview
    }
}
