import Foundation
import Libvirt
import PatchLabModel

/// One rehearsal in progress: the phases in their order, and what each found. The parts that do the
/// work are their own types — the lab phase (``WarmStart``), the snapshots (``SnapshotSet``), the
/// patch in deployment order (``PhasedRollout``), the lab's end (``LabTeardown``), a lost host
/// (``HostWatch``, ``HostLossEnding``) — so this file reads as the order of the phases:
///
/// lab → baseline → baseline fingerprint → (baseline fails: stop) → snapshot (fails: stop) → patch →
/// post-patch → post-patch fingerprint → (a failed batch: bisect) → rollback → post-rollback (+ rollback-verify) →
/// post-rollback fingerprint → verdict → teardown.
///
/// After every phase, and when one fails, the lab's hosts are checked: a host lost ends the run NO-GO.
///
/// Not shared across tasks except through its own async methods, one phase at a time.
actor RehearsalSession {
    let context: RehearsalContext
    let snapshots: SnapshotSet

    private var phases: [RehearsalResult.Phase] = []
    private var planRuns: [RehearsalPhase: [PlanRunResult]] = [:]
    private var fingerprints: [RehearsalPhase: [Fingerprint]] = [:]
    private var patchOutcomes: [RehearsalResult.PatchOutcome] = []
    private var patchDiffs: [FingerprintDiff] = []
    private let batch = BatchLedger()
    private var bisection: Bisection?
    private var fidelity: FidelityReport?
    private var interrupted = false
    private var currentPhase: RehearsalPhase = .lab
    private let startedAt = Date()

    init(context: RehearsalContext) {
        self.context = context
        snapshots = SnapshotSet(context: context)
    }

    private var inputs: RehearsalInputs { context.inputs }
    private var targets: [String] { inputs.targets }
    private var progress: RehearsalProgress { context.progress }
    /// The targets patched (or attempted), in deployment order.
    private var patched: [String] {
        let attempted = Set(patchOutcomes.map(\.machine))
        return targets.filter { attempted.contains($0) }
    }

    func run() async throws -> RehearsalResult {
        let labWasUp = try context.provisioner.state(of: context.lab.name) != nil
        do {
            return try await runPhases(labWasUp: labWasUp)
        } catch {
            if let loss = await hostLoss(error) {
                await HostLossEnding(context: context, snapshots: snapshots).end(loss, patched: patched, labWasUp: labWasUp)
                return finish(verdict: .noGo, reasons: ["\(loss)"], rollback: nil, lostHosts: loss.hosts.map(\.name))
            }
            // Whatever broke, undo what this run did to the lab before reporting it.
            progress(.note("rehearsal failed (\(error)); rolling back and cleaning up"))
            await snapshots.revertQuietly(patched)
            await snapshots.deleteAll()
            await teardown(labWasUp: labWasUp)
            throw error
        }
    }

    private func runPhases(labWasUp: Bool) async throws -> RehearsalResult {
        let fidelityCheck = try FidelityCheck(context: context)
        try await phase(.lab) {
            try await WarmStart(context: self.context).prepare(labWasUp: labWasUp)
            try await self.context.capture.captureLab(self.context.lab)
        }

        let baselineRuns = try await phase(.baseline) { try await self.runPlans(.baseline, self.inputs.plans) }
        try await phase(.baselineFingerprint) { try await self.takeFingerprints(.baseline) }
        fidelity = fidelityCheck.report(baseline: fingerprints[.baseline] ?? [])
        fidelityCheck.announce(fidelity!)
        let baseline = BaselineJudgement(results: baselineRuns.flatMap(\.results), change: inputs.change)
        if baseline.stops {
            progress(.note("baseline failed: the lab does not mirror a healthy production; stopping before anything is patched"))
            await teardown(labWasUp: labWasUp)
            return finish(verdict: .noGo, reasons: ["baseline failed: " + baseline.problemList], rollback: nil)
        }
        if interrupt() { return await stopEarly(labWasUp: labWasUp, reason: "interrupted by the operator before the patch") }

        do {
            try await phase(.snapshot) { try await self.snapshots.take(self.targets) }
        } catch {
            await snapshots.deleteAll()
            await teardown(labWasUp: labWasUp)
            return finish(verdict: .noGo, reasons: ["a snapshot could not be taken, so nothing was patched: \(error)"], rollback: nil)
        }

        try await phase(.patch) {
            self.patchOutcomes = await PhasedRollout(
                context: self.context, installs: self.batch.installs,
                baseline: self.fingerprints[.baseline] ?? []
            ).apply(to: self.targets)
        }
        let patchFailedOn = patchOutcomes.filter { !$0.succeeded }.map(\.machine)

        var postPatchVerdict: Verdict?
        if !interrupt() {
            let postPatch = try await phase(.postPatch) { try await self.runPlans(.postPatch, self.inputs.plans) }
            postPatchVerdict = Self.combined(postPatch)
            try await phase(.postPatchFingerprint) { await self.takeFingerprintsTolerantly(.postPatch) }
            patchDiffs = Self.diffs(from: fingerprints[.baseline] ?? [], to: fingerprints[.postPatch] ?? [])
        }
        if let failure = batch.failureToBisect(
            change: inputs.change, options: context.options, postPatchVerdict: postPatchVerdict,
            interrupted: interrupted)
        {
            bisection = try await phase(.bisect) {
                try await BatchBisector(context: self.context, snapshots: self.snapshots)
                    .bisect(
                        failure: failure, installs: self.batch.installs.installs, baseline: self.fingerprints[.baseline] ?? [],
                        targets: self.targets)
            }
        }

        try await phase(.rollback) { try await self.snapshots.revertAll(self.targets) }
        let rollback = try await phase(.postRollback) { try await self.runPlans(.postRollback, self.inputs.plans) }
        let verification = try await runPlans(.rollbackVerify, inputs.verifyPlans)
        try await phase(.postRollbackFingerprint) { await self.takeFingerprintsTolerantly(.postRollback) }
        let proof = RollbackProof.evaluate(
            baselineFingerprints: fingerprints[.baseline] ?? [],
            rollbackFingerprints: fingerprints[.postRollback] ?? [],
            baselineResults: baselineRuns.flatMap(\.results),
            rollbackResults: rollback.flatMap(\.results),
            verificationResults: verification.flatMap(\.results))

        fidelity = fidelityCheck.report(baseline: fingerprints[.baseline] ?? [], patchDiffs: patchDiffs)
        var (verdict, reasons) = RehearsalVerdict.decide(
            baselineVerdict: baseline.verdict, baselineFailuresAccepted: baseline.failuresAccepted,
            patchFailed: !patchFailedOn.isEmpty, patchFailedOn: patchFailedOn,
            postPatchVerdict: postPatchVerdict, rollback: proof,
            fidelity: FidelityJudgement(report: fidelity, demand: inputs.change.fidelity))
        reasons += bisection.map { [$0.summary] } ?? []
        if interrupted {
            verdict = .noGo
            reasons.insert("interrupted by the operator: the patch was rolled back, post-patch tests were not run", at: 0)
        }
        try await phase(.teardown) {
            await self.snapshots.deleteAll()
            await self.teardown(labWasUp: labWasUp)
        }
        return finish(verdict: verdict, reasons: reasons, rollback: proof)
    }

    // MARK: plans and fingerprints

    private func runPlans(_ phase: RehearsalPhase, _ plans: [TestPlan]) async throws -> [PlanRunResult] {
        let results = try await context.runPlans(plans, phase: phase, reportDirectory: context.folder.reports(phase))
        planRuns[phase, default: []] += results
        return results
    }

    private func takeFingerprints(_ phase: RehearsalPhase) async throws {
        for result in await gatherFingerprints(phase) {
            fingerprints[phase, default: []].append(try result.get())
        }
    }

    /// After the patch a machine may be dead; its fingerprint is then missing, which the proof reports.
    private func takeFingerprintsTolerantly(_ phase: RehearsalPhase) async {
        for (machine, result) in zip(targets, await gatherFingerprints(phase)) {
            switch result {
            case let .success(fingerprint): fingerprints[phase, default: []].append(fingerprint)
            case let .failure(error): progress(.note("no \(phase.rawValue) fingerprint of \(machine): \(error)"))
            }
        }
    }

    /// Fingerprints of every target, taken in parallel (hashing /etc takes a while under TCG), in target order.
    private func gatherFingerprints(_ phase: RehearsalPhase) async -> [Result<Fingerprint, any Error>] {
        let collector = FingerprintCollector(spec: inputs.change.fingerprint)
        let (inspector, lab) = (context.inspector, context.lab)
        return await withTaskGroup(of: (Int, Result<Fingerprint, any Error>).self) { group in
            for (index, machine) in targets.enumerated() {
                group.addTask {
                    do {
                        let channel = try await inspector.channel(lab: lab, machine: machine)
                        return (index, .success(try await collector.take(machine: machine, phase: phase, channel: channel)))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            var results: [(Int, Result<Fingerprint, any Error>)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    // MARK: ending

    private func teardown(labWasUp: Bool) async {
        await LabTeardown(context: context).run(labWasUp: labWasUp)
    }

    private func stopEarly(labWasUp: Bool, reason: String) async -> RehearsalResult {
        await snapshots.deleteAll()
        await teardown(labWasUp: labWasUp)
        return finish(verdict: .noGo, reasons: [reason], rollback: nil)
    }

    private func interrupt() -> Bool {
        if context.interrupt.isRequested && !interrupted {
            interrupted = true
            progress(.note("stopping at a safe point: rolling back what was patched"))
        }
        return interrupted
    }

    /// Runs one phase and records it; a host lost meanwhile fails it with ``HostLoss``, whether or not
    /// the phase noticed (a plan run records an unreachable machine's cases as errors and goes on).
    @discardableResult
    private func phase<T>(_ name: RehearsalPhase, _ body: () async throws -> T) async throws -> T {
        progress(.phase(name))
        currentPhase = name
        let start = Date()
        do {
            let value = try await body()
            if let loss = await context.hostWatch.loss(during: name) { throw loss }
            phases.append(RehearsalResult.Phase(name: name, startedAt: start, endedAt: Date(), status: "done"))
            return value
        } catch {
            let reported = await hostLoss(error).map { $0 as any Error } ?? error
            phases.append(RehearsalResult.Phase(name: name, startedAt: start, endedAt: Date(), status: "failed: \(reported)"))
            throw reported
        }
    }

    /// The host loss behind `error`, if a host of the lab is lost: as the phase running when it was noticed.
    private func hostLoss(_ error: any Error) async -> HostLoss? {
        if let loss = error as? HostLoss { return loss }
        return await context.hostWatch.loss(during: currentPhase)
    }

    private func finish(verdict: Verdict, reasons: [String], rollback: RollbackProof?, lostHosts: [String]? = nil) -> RehearsalResult {
        RehearsalResult(
            runID: context.runID, change: inputs.change, labName: context.lab.name, startedAt: startedAt, endedAt: Date(),
            verdict: verdict, reasons: reasons, interrupted: interrupted, phases: phases, planRuns: planRuns,
            fingerprints: fingerprints, patchDiffs: patchDiffs, patchOutcomes: patchOutcomes, rollbackProof: rollback,
            patchedMachines: patched, runDirectory: context.folder.path, ranBy: context.options.ranBy,
            host: ProcessInfo.processInfo.hostName, reducedPlan: context.options.reducedPlan ? true : nil,
            lostHosts: lostHosts, batch: batch.record(for: inputs.change, bisection: bisection), fidelity: fidelity)
    }

    static func combined(_ runs: [PlanRunResult]) -> Verdict {
        Verdict.decide(results: runs.flatMap(\.results).map { ($0.severity, $0.state) })
    }

    static func diffs(from baseline: [Fingerprint], to after: [Fingerprint]) -> [FingerprintDiff] {
        let later = Dictionary(after.map { ($0.machine, $0) }, uniquingKeysWith: { first, _ in first })
        return baseline.compactMap { old in later[old.machine].map { Fingerprint.diff(from: old, to: $0) } }
    }
}
