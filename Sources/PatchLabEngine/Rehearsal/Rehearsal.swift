import Foundation
import Libvirt
import PatchLabModel

/// Rehearses a change end to end: lab, baseline, snapshot, patch in deployment order, post-patch,
/// rollback to the snapshots, post-rollback, and a verdict that is GO only when the patch passes
/// *and* the rollback is proven. Every state-changing step is journalled before it runs.
public struct Rehearsal: Sendable {
    public let provisioner: LabProvisioner
    public let store: RunStore
    public let interrupt: InterruptSignal

    public init(provisioner: LabProvisioner, store: RunStore, interrupt: InterruptSignal = InterruptSignal()) {
        self.provisioner = provisioner
        self.store = store
        self.interrupt = interrupt
    }

    /// Validates every input before touching anything: the change, its lab and plans, and the patch
    /// files' digests on the host. Bad input throws with file:line and nothing is created.
    public func prepare(_ changeFile: String) throws -> (Change, Lab, [TestPlan], [TestPlan]) {
        let change = try Change.load(contentsOf: changeFile)
        let lab = try Lab.load(contentsOf: change.lab.value)
        let plans = try change.plans.map { try TestPlan.load(contentsOf: $0.value) }
        let verifyPlans = try change.rollback.verifyPlans.map { try TestPlan.load(contentsOf: $0.value) }
        var problems = change.check(against: lab) + change.check(against: plans)
        for plan in plans + verifyPlans { problems += plan.check(against: lab) }
        for file in change.patch.files {
            let actual = try FileDigest.sha256(ofFile: file.source)
            if actual != file.sha256 {
                problems.append(.error("patch file \(file.fileName) has sha256 \(actual); expected \(file.sha256) "
                    + "(the file changed since the change was written, or it is not the file meant)", at: file.digestLocation))
            }
        }
        if !problems.isEmpty { throw ModelError(problems) }
        return (change, lab, plans, verifyPlans)
    }

    public func run(_ changeFile: String, options: RehearsalOptions = RehearsalOptions(),
                    progress: @escaping RehearsalProgress = { _ in }) async throws -> RehearsalResult {
        let (change, lab, plans, verifyPlans) = try prepare(changeFile)
        if options.reducedPlan && change.type != .emergency {
            throw ModelError("a reduced plan (critical cases only) is for emergency changes; this change's type is "
                             + "\(change.type.rawValue)", at: change.location)
        }
        var targets = change.deploymentOrder(in: lab).map(\.name)
        if let only = options.machines {
            let unknown = only.filter { !targets.contains($0) }
            if !unknown.isEmpty {
                throw EngineError.machineNotInLab(machine: unknown.joined(separator: ", "), lab: lab.name, known: targets)
            }
            targets = targets.filter { only.contains($0) }
        }
        let runID = RunStore.newRunID()
        let runDirectory = "\(provisioner.environment.home)/runs/\(runID)"
        try FileManager.default.createDirectory(atPath: runDirectory, withIntermediateDirectories: true)
        try store.begin(RunRecord(id: runID, kind: .rehearsal, subject: change.id, lab: lab.name,
                                  operator: options.ranBy, pid: getpid(), host: ProcessInfo.processInfo.hostName,
                                  labFile: lab.file))
        let log = HarnessLog(path: "\(runDirectory)/harness.log")
        log.write("rehearsal \(runID) of \(change.id) on lab \(lab.name) by \(options.ranBy), targets \(targets.joined(separator: ", "))")
        try RunRecordCapture(runDirectory: runDirectory, provisioner: provisioner).captureInputs(change: change, lab: lab, plans: plans + verifyPlans)
        let session = RehearsalSession(rehearsal: self, change: change, lab: lab, plans: plans, verifyPlans: verifyPlans,
                                       targets: targets, runID: runID, runDirectory: runDirectory, options: options,
                                       progress: { log.record($0); progress($0) })
        defer { writeJournal(runID: runID, to: "\(runDirectory)/journal.json") }
        do {
            let result = try await session.run()
            log.write("verdict \(result.verdict.rawValue): \(result.reasons.joined(separator: "; "))")
            let details = String(decoding: try RunStore.encoder.encode(result), as: UTF8.self)
            try store.setDetails(runID: runID, details)
            try store.finish(runID: runID, status: result.interrupted ? .interrupted : .completed, verdict: result.verdict.rawValue)
            return result
        } catch {
            log.write("failed: \(error)")
            try? store.finish(runID: runID, status: .failed, verdict: Verdict.noGo.rawValue)
            throw error
        }
    }

    /// The journal of every step the run took, next to its logs, for the evidence packet.
    private func writeJournal(runID: String, to path: String) {
        guard let entries = try? store.journal(runID: runID) else { return }
        try? JSONFiles.encoder.encode(entries).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
