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

    /// Rehearses `inputs` (``RehearsalInputs/load(_:machines:reducedPlan:)``): the run is recorded
    /// in the run store and its folder before any of its work.
    public func run(
        _ inputs: RehearsalInputs, options: RehearsalOptions = RehearsalOptions(),
        progress: @escaping RehearsalProgress = { _ in }
    ) async throws -> RehearsalResult {
        let (change, lab) = (inputs.change, inputs.lab)
        let runID = RunStore.newRunID()
        let folder = RunFolder(home: provisioner.environment.home, runID: runID)
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        try store.begin(
            RunRecord(
                id: runID, kind: .rehearsal, subject: change.id, lab: lab.name,
                operator: options.ranBy, pid: getpid(), host: ProcessInfo.processInfo.hostName,
                labFile: lab.file))
        let log = HarnessLog(path: folder.harnessLog)
        log.write(
            "rehearsal \(runID) of \(change.id) on lab \(lab.name) by \(options.ranBy), targets \(inputs.targets.joined(separator: ", "))")
        try RunRecordCapture(folder: folder, provisioner: provisioner).captureInputs(
            change: change, lab: lab,
            plans: inputs.plans + inputs.verifyPlans)
        let context = RehearsalContext(
            provisioner: provisioner, store: store, inputs: inputs, runID: runID, folder: folder,
            options: options, interrupt: interrupt,
            progress: {
                log.record($0); progress($0)
            })
        defer { writeJournal(runID: runID, to: folder.journal) }
        do {
            let result = try await RehearsalSession(context: context).run()
            log.write("verdict \(result.verdict.rawValue): \(result.reasons.joined(separator: "; "))")
            let details = String(decoding: try RunStore.encoder.encode(result), as: UTF8.self)
            try store.setDetails(runID: runID, details)
            let status: RunRecord.Status = result.lostHosts != nil ? .hostLost : result.interrupted ? .interrupted : .completed
            try store.finish(runID: runID, status: status, verdict: result.verdict)
            return result
        } catch {
            log.write("failed: \(error)")
            try? store.finish(runID: runID, status: .failed, verdict: .noGo)
            throw error
        }
    }

    /// The journal of every step the run took, next to its logs, for the evidence packet.
    private func writeJournal(runID: String, to path: String) {
        guard let entries = try? store.journal(runID: runID) else { return }
        try? JSONFiles.encoder.encode(entries).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
