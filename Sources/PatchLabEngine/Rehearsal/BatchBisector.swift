import Foundation
import PatchLabModel

/// Narrows a failed batch to its culprit on the machines it failed on: the patches grouped into
/// units that install together (their `.deb` control fields against the baseline's packages), then
/// subset after subset as ``BisectionPlanner`` asks — each after reverting every target to the
/// pre-patch snapshot, so no machine boots again — until the smallest set that reproduces the
/// failure is found. The caller's rollback reverts once more afterwards, as for any batch.
///
/// A step is like the batch's own pass, smaller: the subset applied in deployment order, then the
/// change's plans (when every install succeeded); its reports go to `RUN/bisect/step-N/`.
struct BatchBisector: Sendable {
    let context: RehearsalContext
    let snapshots: SnapshotSet

    /// - Parameters:
    ///   - installs: each patch's install in the batch's pass.
    ///   - baseline: the targets' baseline fingerprints (their packages decide which dependencies
    ///     the machines already satisfy).
    func bisect(failure: BatchFailure, installs: [PatchInstall], baseline: [Fingerprint], targets: [String]) async throws -> Bisection {
        let change = context.change
        let applied = BatchRecord(installs: installs).applied(in: change)
        let patches = change.patches.filter { applied.contains($0.id) }
        let (packages, notes) = DebControlReader.packages(of: patches)
        let installed = change.fingerprint.packages ? baseline.map(\.packages) : []
        let units = BatchUnits.group(patches: applied, packages: packages, installed: installed)
        var bisection = Bisection(failure: failure, units: units, notes: notes)
        for unit in units where unit.patches.count > 1 {
            bisection.notes.append(
                "patches \(unit.patches.joined(separator: ", ")) are applied together: "
                    + unit.reasons.joined(separator: "; "))
        }
        context.progress(.note("bisecting \(applied.count) patches in \(units.count) units: \(failure)"))
        while true {
            switch bisection.nextDecision() {
            case let .done(culprits):
                bisection.culprits = bisection.patches(of: culprits)
                bisection.complete = true
                context.progress(.note(bisection.summary))
                return bisection
            case let .test(subset):
                if context.interrupt.isRequested {
                    bisection.notes.append("stopped by the operator after \(bisection.steps.count) steps")
                    return bisection
                }
                guard bisection.steps.count < BisectionPlanner.stepLimit(units: units.count) else {
                    bisection.notes.append(
                        "stopped after \(bisection.steps.count) steps, more than a bisection of \(units.count) units takes")
                    return bisection
                }
                let step = try await run(
                    number: bisection.steps.count + 1, patches: bisection.patches(of: subset),
                    failure: failure, targets: targets)
                if step.outcome == .installFailed, let failed = step.installs.first(where: { !$0.succeeded }) {
                    bisection.notes.append(
                        "step \(step.number): patch \(failed.patch) did not install on \(failed.machine) with only "
                            + "\(step.patches.joined(separator: ", ")) (\(failed.message ?? "no message")), so the step "
                            + "neither reproduces the failure nor clears its patches")
                }
                bisection.steps.append(step)
            }
        }
    }

    private func run(number: Int, patches ids: [String], failure: BatchFailure, targets: [String]) async throws -> BisectionStep {
        let startedAt = Date()
        let folder = context.folder.bisectionStep(number)
        context.progress(.note("bisection step \(number): reverting and applying \(ids.joined(separator: ", "))"))
        let reverts = try await snapshots.revertAll(targets)
        let log = PatchInstallLog()
        let subset = context.change.patches.filter { ids.contains($0.id) }
        _ = await PhasedRollout(
            context: context, patches: subset, logs: { "\(folder)/\(RunFolder.patchFolder)/\($0)" }, installs: log,
            journalDetail: "bisection step \(number)"
        ).apply(to: targets)
        let installs = log.installs
        var planRuns: [PlanRunResult] = []
        if !installs.isEmpty, installs.allSatisfy(\.succeeded) {
            planRuns = try await context.runPlans(context.inputs.plans, phase: .bisect, reportDirectory: folder)
        }
        let outcome = BisectionStep.outcome(installs: installs, planRuns: planRuns, failure: failure)
        context.progress(.note("bisection step \(number): \(outcome.rawValue)"))
        return BisectionStep(
            number: number, patches: ids, installs: installs, planRuns: planRuns, outcome: outcome,
            reverts: reverts, startedAt: startedAt, endedAt: Date())
    }
}
