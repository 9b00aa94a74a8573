import Foundation
import PatchLabModel

/// Applies the patch to the targets in the change's deployment order: phased, one machine at a
/// time, least critical first, stopping at the first failure (as a real phased roll-out would); or
/// all at once. Each machine's patch is journalled before it starts, so a killed harness leaves a
/// record of every machine that may have been patched.
struct PhasedRollout: Sendable {
    let context: RehearsalContext

    /// The outcome on each machine patched (or attempted), in the order they finished.
    func apply(to targets: [String]) async -> [RehearsalResult.PatchOutcome] {
        let applier = PatchApplier(patch: context.change.patch, folder: context.folder)
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

    private func patch(_ machine: String, _ applier: PatchApplier) async -> RehearsalResult.PatchOutcome {
        context.progress(.note("patching \(machine)"))
        let outcome: RehearsalResult.PatchOutcome
        do {
            outcome = try await context.store.journaled(context.entry(.patchApply, machine: machine),
                                                        outcome: { ($0.succeeded ? .done : .failed, $0.message) }) {
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
        RehearsalResult.PatchOutcome(machine: machine, succeeded: false, exitCode: nil, timedOut: false, message: message,
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
