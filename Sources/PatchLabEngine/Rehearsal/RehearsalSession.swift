import Foundation
import Libvirt
import PatchLabModel

/// One rehearsal in progress: the phases in order, with what each found. Not shared across tasks
/// except through its own async methods, one phase at a time.
actor RehearsalSession {
    let rehearsal: Rehearsal
    let change: Change
    let lab: Lab
    let plans: [TestPlan]
    let verifyPlans: [TestPlan]
    let targets: [String]
    let runID: String
    let runDirectory: String
    let options: RehearsalOptions
    let progress: RehearsalProgress

    private var phases: [RehearsalResult.Phase] = []
    private var planRuns: [String: [PlanRunResult]] = [:]
    private var fingerprints: [String: [Fingerprint]] = [:]
    private var patchOutcomes: [RehearsalResult.PatchOutcome] = []
    private var patchDiffs: [FingerprintDiff] = []
    private var snapshots: [String: DomainSnapshot] = [:]
    private var patched: [String] = []
    private var interrupted = false
    private let startedAt = Date()

    init(rehearsal: Rehearsal, change: Change, lab: Lab, plans: [TestPlan], verifyPlans: [TestPlan], targets: [String],
         runID: String, runDirectory: String, options: RehearsalOptions, progress: @escaping RehearsalProgress) {
        self.rehearsal = rehearsal
        self.change = change
        self.lab = lab
        self.plans = plans
        self.verifyPlans = verifyPlans
        self.targets = targets
        self.runID = runID
        self.runDirectory = runDirectory
        self.options = options
        self.progress = progress
    }

    var store: RunStore { rehearsal.store }
    var provisioner: LabProvisioner { rehearsal.provisioner }
    var inspector: LabInspector { LabInspector(provisioner: provisioner) }
    var snapshotName: String { "\(runID)-pre-\(change.id)" }
    var capture: RunRecordCapture { RunRecordCapture(runDirectory: runDirectory, provisioner: provisioner) }

    func run() async throws -> RehearsalResult {
        let labWasUp = try provisioner.state(of: lab.name) != nil
        do {
            return try await runPhases(labWasUp: labWasUp)
        } catch {
            // Whatever broke, undo what this run did to the lab before reporting it.
            progress(.note("rehearsal failed (\(error)); rolling back and cleaning up"))
            await revertPatchedMachines()
            // A kept lab stays up, so this run's snapshots must go explicitly, or they would leak.
            await deleteSnapshots()
            await teardown(labWasUp: labWasUp)
            throw error
        }
    }

    private func runPhases(labWasUp: Bool) async throws -> RehearsalResult {
        try await phase("lab") {
            try await self.prepareLab(wasUp: labWasUp)
            try await self.capture.captureLab(self.lab)
        }

        let baseline = try await phase("baseline") { try await self.runPlans("baseline", self.plans) }
        try await phase("baseline fingerprint") { try await self.takeFingerprints("baseline") }
        let baselineVerdict = Self.combined(baseline)
        let problems = baseline.flatMap(\.results).filter { $0.state.isProblem }
        let accepted = !problems.isEmpty && problems.allSatisfy { change.acceptsBaselineFailure(of: $0.caseID) }
        if baselineVerdict == .noGo && !accepted {
            progress(.note("baseline failed: the lab does not mirror a healthy production; stopping before anything is patched"))
            await teardown(labWasUp: labWasUp)
            return finish(verdict: .noGo, reasons: ["baseline failed: " + Self.problemList(problems)], rollback: nil)
        }
        if interrupt() { return await stopEarly(labWasUp: labWasUp, reason: "interrupted by the operator before the patch") }

        do {
            try await phase("snapshot") { try await self.takeSnapshots() }
        } catch {
            await deleteSnapshots()
            await teardown(labWasUp: labWasUp)
            return finish(verdict: .noGo, reasons: ["a snapshot could not be taken, so nothing was patched: \(error)"], rollback: nil)
        }

        await phase("patch") { await self.applyPatch() }
        let patchFailedOn = patchOutcomes.filter { !$0.succeeded }.map(\.machine)

        var postPatchVerdict: Verdict?
        if !interrupt() {
            let postPatch = try await phase("post-patch") { try await self.runPlans("post-patch", self.plans) }
            postPatchVerdict = Self.combined(postPatch)
            await phase("post-patch fingerprint") { await self.takeFingerprintsTolerantly("post-patch") }
            patchDiffs = Self.diffs(from: fingerprints["baseline"] ?? [], to: fingerprints["post-patch"] ?? [])
        }

        try await phase("rollback") { try await self.revertAll() }
        let rollback = try await phase("post-rollback") { try await self.runPlans("post-rollback", self.plans) }
        let verification = try await runPlans("rollback-verify", verifyPlans)
        await phase("post-rollback fingerprint") { await self.takeFingerprintsTolerantly("post-rollback") }
        let proof = RollbackProof.evaluate(baselineFingerprints: fingerprints["baseline"] ?? [],
                                           rollbackFingerprints: fingerprints["post-rollback"] ?? [],
                                           baselineResults: baseline.flatMap(\.results),
                                           rollbackResults: rollback.flatMap(\.results),
                                           verificationResults: verification.flatMap(\.results))

        var (verdict, reasons) = RehearsalVerdict.decide(baselineVerdict: baselineVerdict, baselineFailuresAccepted: accepted,
                                                         patchFailed: !patchFailedOn.isEmpty, patchFailedOn: patchFailedOn,
                                                         postPatchVerdict: postPatchVerdict, rollback: proof)
        if interrupted {
            verdict = .noGo
            reasons.insert("interrupted by the operator: the patch was rolled back, post-patch tests were not run", at: 0)
        }
        await phase("teardown") {
            await self.deleteSnapshots()
            await self.teardown(labWasUp: labWasUp)
        }
        return finish(verdict: verdict, reasons: reasons, rollback: proof)
    }

    // MARK: phases

    private func prepareLab(wasUp: Bool) async throws {
        guard wasUp, let state = try provisioner.state(of: lab.name) else {
            let entry = try store.journal(JournalEntry(runID: runID, action: "lab.up", objectKind: "lab", objectName: lab.name))
            try await provisioner.up(lab) { self.progress(.lab($0)) }
            try store.mark(entry, .done, detail: try provisioner.state(of: lab.name)?.prefix)
            if options.keepLab { try await takeReadySnapshots() }
            return
        }
        // A lab kept from an earlier run: reset it to its ready snapshot instead of booting again,
        // every machine at once.
        let ready = "\(state.prefix)-ready"
        var domains: [(String, Domain)] = []
        for machine in lab.machines { domains.append((machine.name, try await inspector.domain(lab: lab, machine: machine.name))) }
        let (store, runID, provisioner) = (self.store, self.runID, self.provisioner)
        let outcomes = try await withThrowingTaskGroup(of: (reset: Int, clockProblem: String?).self) { group in
            for (machine, domain) in domains {
                group.addTask {
                    guard let snapshot = try? await domain.snapshot(named: ready) else { return (0, nil) }
                    let entry = try store.journal(JournalEntry(runID: runID, action: "snapshot.revert", machine: machine,
                                                               objectKind: "snapshot", objectName: ready, hostURI: domain.connection.uri))
                    try await snapshot.revert()
                    let channel = provisioner.guestChannel(domain)
                    try await channel.waitUntilReady(timeout: provisioner.environment.agentTimeout)
                    try store.mark(entry, .done)
                    do { try await GuestClock.set(channel, machine: machine) } catch {
                        return (1, "could not set the clock of \(machine) after the revert: \(error)")
                    }
                    return (1, nil)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for problem in outcomes.compactMap(\.clockProblem) { progress(.note(problem)) }
        let reset = outcomes.map(\.reset).reduce(0, +)
        progress(.note(reset > 0 ? "warm start: reset \(reset) machines of lab \(lab.name) to their ready snapshot"
                                 : "using lab \(lab.name) as it is up"))
        if options.keepLab && reset == 0 { try await takeReadySnapshots() }
    }

    /// The snapshot a kept lab is reset to next time; it belongs to the lab, not to this run.
    private func takeReadySnapshots() async throws {
        guard let state = try provisioner.state(of: lab.name) else { return }
        for machine in lab.machines {
            let domain = try await inspector.domain(lab: lab, machine: machine.name)
            if (try? await domain.snapshot(named: "\(state.prefix)-ready")) != nil { continue }
            _ = try await domain.createSnapshot(name: "\(state.prefix)-ready", description: "PatchLab: lab \(lab.name) ready")
        }
    }

    private func runPlans(_ phase: String, _ plans: [TestPlan]) async throws -> [PlanRunResult] {
        var results: [PlanRunResult] = []
        let runner = PlanRunner(inspector: inspector, store: store)
        for plan in plans {
            var options = PlanRunOptions(reportDirectory: "\(runDirectory)/\(phase)", phase: phase, runID: runID)
            options.recordsOwnRun = false
            options.criticalOnly = self.options.reducedPlan
            try FileManager.default.createDirectory(atPath: options.reportDirectory!, withIntermediateDirectories: true)
            let progress = self.progress
            results.append(try await runner.run(plan, lab: lab, options: options) { progress(.plan(phase: phase, $0)) })
        }
        planRuns[phase, default: []] += results
        return results
    }

    private func takeFingerprints(_ phase: String) async throws {
        for result in await gatherFingerprints(phase) {
            fingerprints[phase, default: []].append(try result.get())
        }
    }

    /// After the patch a machine may be dead; its fingerprint is then missing, which the proof reports.
    private func takeFingerprintsTolerantly(_ phase: String) async {
        for (machine, result) in zip(targets, await gatherFingerprints(phase)) {
            switch result {
            case let .success(fingerprint): fingerprints[phase, default: []].append(fingerprint)
            case let .failure(error): progress(.note("no \(phase) fingerprint of \(machine): \(error)"))
            }
        }
    }

    /// Fingerprints of every target, taken in parallel (hashing /etc takes a while under TCG), in target order.
    private func gatherFingerprints(_ phase: String) async -> [Result<Fingerprint, any Error>] {
        let collector = FingerprintCollector(spec: change.fingerprint)
        let inspector = self.inspector
        let lab = self.lab
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

    private func takeSnapshots() async throws {
        for machine in targets {
            let domain = try await inspector.domain(lab: lab, machine: machine)
            let entry = try store.journal(JournalEntry(runID: runID, action: "snapshot.create", machine: machine, objectKind: "snapshot",
                                                       objectName: snapshotName, hostURI: domain.connection.uri, detail: domain.name))
            do {
                // A full-system snapshot (disk and memory, internal to the qcow2) is atomic and needs
                // no filesystem freeze: the guest resumes exactly where it was.
                snapshots[machine] = try await domain.createSnapshot(name: snapshotName, description: "PatchLab \(change.id) before patch")
                try store.mark(entry, .done)
                progress(.note("snapshot \(snapshotName) of \(machine)"))
            } catch {
                try store.mark(entry, .failed, detail: "\(error)")
                throw error
            }
        }
    }

    private func applyPatch() async {
        let applier = PatchApplier(patch: change.patch, logRoot: runDirectory)
        switch change.deployment.order {
        case .phased:
            for machine in targets {
                if interrupt() { break }
                let outcome = await patch(machine, applier)
                if !outcome.succeeded {
                    progress(.note("patch failed on \(machine); phased deployment stops here"))
                    break
                }
            }
        case .allAtOnce:
            await withTaskGroup(of: Void.self) { group in
                for machine in targets { group.addTask { _ = await self.patch(machine, applier) } }
            }
        }
    }

    private func patch(_ machine: String, _ applier: PatchApplier) async -> RehearsalResult.PatchOutcome {
        patched.append(machine)
        progress(.note("patching \(machine)"))
        let entry = try? store.journal(JournalEntry(runID: runID, action: "patch.apply", machine: machine))
        var outcome: RehearsalResult.PatchOutcome
        do {
            let channel = try await inspector.channel(lab: lab, machine: machine)
            outcome = await interruptible { await applier.apply(on: machine, channel: channel) }
                ?? RehearsalResult.PatchOutcome(machine: machine, succeeded: false, exitCode: nil, timedOut: false,
                                                message: "interrupted by the operator", stdout: "", stderr: "", logDirectory: nil)
        } catch {
            outcome = RehearsalResult.PatchOutcome(machine: machine, succeeded: false, exitCode: nil, timedOut: false,
                                                   message: "\(error)", stdout: "", stderr: "", logDirectory: nil)
        }
        if let entry { try? store.mark(entry, outcome.succeeded ? .done : .failed, detail: outcome.message) }
        patchOutcomes.append(outcome)
        progress(.note(outcome.succeeded ? "patched \(machine)" : "patch on \(machine) failed: \(outcome.message ?? "")"))
        return outcome
    }

    /// Reverts every snapshotted machine, patched or not, so the proof compares like with like.
    private func revertAll() async throws {
        for machine in targets {
            guard let snapshot = snapshots[machine] else { continue }
            let entry = try store.journal(JournalEntry(runID: runID, action: "snapshot.revert", machine: machine, objectKind: "snapshot",
                                                       objectName: snapshot.name, hostURI: snapshot.domain.connection.uri))
            // Force: the machine may have crashed or been destroyed after the patch.
            try await snapshot.revert(force: true)
            let channel = provisioner.guestChannel(snapshot.domain)
            try await channel.waitUntilReady(timeout: provisioner.environment.agentTimeout)
            try store.mark(entry, .done)
            progress(.note("reverted \(machine) to \(snapshot.name)"))
            await setClock(channel, machine: machine)
        }
    }

    /// After a revert: the guest's clock to the present. A clock that cannot be set is said, not fatal:
    /// the machine is still the one the snapshot holds.
    private func setClock(_ channel: any GuestChannel, machine: String) async {
        do { try await GuestClock.set(channel, machine: machine) } catch {
            progress(.note("could not set the clock of \(machine) after the revert: \(error)"))
        }
    }

    /// Best effort, on the failure path: put patched machines back before anything else.
    private func revertPatchedMachines() async {
        for machine in patched {
            guard let snapshot = snapshots[machine] else { continue }
            try? await snapshot.revert(force: true)
        }
    }

    private func deleteSnapshots() async {
        for (machine, snapshot) in snapshots {
            let entry = try? store.journal(JournalEntry(runID: runID, action: "snapshot.delete", machine: machine,
                                                        objectKind: "snapshot", objectName: snapshot.name,
                                                        hostURI: snapshot.domain.connection.uri))
            do {
                try await snapshot.delete()
                if let entry { try? store.mark(entry, .done) }
            } catch {
                if let entry { try? store.mark(entry, .failed, detail: "\(error)") }
            }
        }
        snapshots = [:]
    }

    /// Takes the lab down unless it was kept or was already up before this run.
    private func teardown(labWasUp: Bool) async {
        capture.captureConsoles(labName: lab.name)
        guard !options.keepLab, !labWasUp else {
            progress(.note("lab \(lab.name) left up"))
            return
        }
        let entry = try? store.journal(JournalEntry(runID: runID, action: "lab.down", objectKind: "lab", objectName: lab.name))
        do {
            try await provisioner.down(labNamed: lab.name) { self.progress(.lab($0)) }
            if let entry { try? store.mark(entry, .done) }
        } catch {
            if let entry { try? store.mark(entry, .failed, detail: "\(error)") }
            progress(.note("lab down failed: \(error); run `patchlab lab down \(lab.file)`"))
        }
    }

    private func stopEarly(labWasUp: Bool, reason: String) async -> RehearsalResult {
        await deleteSnapshots()
        await teardown(labWasUp: labWasUp)
        return finish(verdict: .noGo, reasons: [reason], rollback: nil)
    }

    // MARK: helpers

    /// Runs `work`, but gives up on it (cancelling it) as soon as the operator interrupts: a patch
    /// command may run for minutes, and the revert that follows undoes whatever it did meanwhile.
    private func interruptible<T: Sendable>(_ work: @escaping @Sendable () async -> T) async -> T? {
        let signal = rehearsal.interrupt
        return await withTaskGroup(of: T?.self) { group in
            group.addTask { await work() }
            group.addTask {
                while !Task.isCancelled {
                    if signal.isRequested { return nil }
                    try? await Task.sleep(for: .milliseconds(200))
                }
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    private func interrupt() -> Bool {
        if rehearsal.interrupt.isRequested && !interrupted {
            interrupted = true
            progress(.note("stopping at a safe point: rolling back what was patched"))
        }
        return interrupted
    }

    @discardableResult
    private func phase<T>(_ name: String, _ body: () async throws -> T) async rethrows -> T {
        progress(.phase(name))
        let start = Date()
        do {
            let value = try await body()
            phases.append(RehearsalResult.Phase(name: name, startedAt: start, endedAt: Date(), status: "done"))
            return value
        } catch {
            phases.append(RehearsalResult.Phase(name: name, startedAt: start, endedAt: Date(), status: "failed: \(error)"))
            throw error
        }
    }

    private func finish(verdict: Verdict, reasons: [String], rollback: RollbackProof?) -> RehearsalResult {
        RehearsalResult(runID: runID, change: change, labName: lab.name, startedAt: startedAt, endedAt: Date(), verdict: verdict,
                        reasons: reasons, interrupted: interrupted, phases: phases, planRuns: planRuns, fingerprints: fingerprints,
                        patchDiffs: patchDiffs, patchOutcomes: patchOutcomes, rollbackProof: rollback, patchedMachines: patched,
                        runDirectory: runDirectory, ranBy: options.ranBy, host: ProcessInfo.processInfo.hostName,
                        reducedPlan: options.reducedPlan ? true : nil)
    }

    static func combined(_ runs: [PlanRunResult]) -> Verdict {
        Verdict.decide(results: runs.flatMap(\.results).map { ($0.severity, $0.state) })
    }

    static func problemList(_ results: [CaseResult]) -> String {
        results.map { "\($0.caseID) on \($0.machine) \($0.state.rawValue)" }.joined(separator: ", ")
    }

    static func diffs(from baseline: [Fingerprint], to after: [Fingerprint]) -> [FingerprintDiff] {
        baseline.compactMap { old in after.first { $0.machine == old.machine }.map { Fingerprint.diff(from: old, to: $0) } }
    }
}
