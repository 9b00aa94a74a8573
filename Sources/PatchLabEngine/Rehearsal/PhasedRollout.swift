import Foundation
import PatchLabModel

/// Applies the patch to the targets in the change's deployment order: phased, one machine at a
/// time, least critical first, stopping at the first failure (as a real phased roll-out would); or
/// all at once. Each machine's patch is journalled before it starts, so a killed harness leaves a
/// record of every machine that may have been patched.
///
/// A batch is applied whole on each machine before the next (``BatchApplier``), each patch's install
/// kept in ``installs``; a bisection step applies a subset of it the same way, its output in the step's folder.
struct PhasedRollout: Sendable {
    let context: RehearsalContext
    /// What to apply: the change's patches, or a bisection step's subset of them.
    var patches: [PatchSpec]
    /// Where each machine's install output goes.
    var logs: @Sendable (String) -> String
    /// Receives each patch's install, for a batch.
    var installs: PatchInstallLog?
    /// The targets' baseline fingerprints: given, a batch is fingerprinted after each patch.
    var baseline: [Fingerprint] = []
    /// Said in the journal beside each machine's patch entry (`bisection step 2`).
    var journalDetail: String?

    init(
        context: RehearsalContext, patches: [PatchSpec]? = nil, logs: (@Sendable (String) -> String)? = nil,
        installs: PatchInstallLog? = nil, baseline: [Fingerprint] = [], journalDetail: String? = nil
    ) {
        self.context = context
        self.patches = patches ?? context.change.patches
        let folder = context.folder
        self.logs = logs ?? { folder.patchLogs($0) }
        self.installs = installs
        self.baseline = baseline
        self.journalDetail = journalDetail
    }

    /// The outcome on each machine patched (or attempted), in the order they finished.
    func apply(to targets: [String]) async -> [RehearsalResult.PatchOutcome] {
        let applier = Applier(rollout: self)
        switch context.change.deployment.order {
        case .phased:
            var outcomes: [RehearsalResult.PatchOutcome] = []
            for machine in targets {
                if context.interrupt.isRequested { break }
                let outcome = await patch(machine, applier)
                outcomes.append(outcome)
                if !outcome.succeeded {
                    context.progress(.note("patch failed on \(machine); phased deployment stops here"))
                    break
                }
            }
            return outcomes
        case .allAtOnce:
            return await withTaskGroup(of: RehearsalResult.PatchOutcome.self) { group in
                for machine in targets { group.addTask { await patch(machine, applier) } }
                return await group.reduce(into: []) { $0.append($1) }
            }
        }
    }

    /// A change of one patch is applied as it always was (its output straight in the machine's
    /// folder); a batch, or a subset of one, patch by patch.
    private struct Applier: Sendable {
        let rollout: PhasedRollout

        func apply(on machine: String, channel: any GuestChannel) async -> RehearsalResult.PatchOutcome {
            let context = rollout.context
            guard context.change.isBatch else {
                return await PatchApplier(patch: rollout.patches[0], folder: context.folder)
                    .apply(on: machine, channel: channel, logDirectory: rollout.logs(machine))
            }
            let batch = BatchApplier(
                patches: rollout.patches, folder: context.folder, logs: rollout.logs, fingerprint: context.change.fingerprint)
            let (outcome, installs) = await batch.apply(
                on: machine, channel: channel,
                baseline: rollout.baseline.first { $0.machine == machine })
            rollout.installs?.append(installs)
            return outcome
        }
    }

    private func patch(_ machine: String, _ applier: Applier) async -> RehearsalResult.PatchOutcome {
        context.progress(.note("patching \(machine)" + (patches.count > 1 ? " with \(patches.map(\.id).joined(separator: ", "))" : "")))
        let outcome: RehearsalResult.PatchOutcome
        do {
            outcome = try await context.store.journaled(
                context.entry(.patchApply, machine: machine, detail: journalDetail),
                outcome: { ($0.succeeded ? .done : .failed, $0.message) }
            ) {
                let channel = try await context.inspector.channel(lab: context.lab, machine: machine)
                return await interruptible { await applier.apply(on: machine, channel: channel) }
                    ?? Self.failed(machine, "interrupted by the operator")
            }
        } catch {
            outcome = Self.failed(machine, "\(error)")
        }
        context.progress(.note(outcome.succeeded ? "patched \(machine)" : "patch on \(machine) failed: \(outcome.message ?? "")"))
        return outcome
    }

    static func failed(_ machine: String, _ message: String) -> RehearsalResult.PatchOutcome {
        RehearsalResult.PatchOutcome(
            machine: machine, succeeded: false, exitCode: nil, timedOut: false, message: message,
            stdout: "", stderr: "", logDirectory: nil)
    }

    /// Runs `work`, but gives up on it (cancelling it) as soon as the operator interrupts: a patch
    /// command may run for minutes, and the revert that follows undoes whatever it did meanwhile.
    private func interruptible<T: Sendable>(_ work: @escaping @Sendable () async -> T) async -> T? {
        let signal = context.interrupt
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
}
