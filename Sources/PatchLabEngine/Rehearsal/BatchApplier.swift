import Foundation
import Libvirt
import PatchLabModel

/// Puts the patches of a batch on one machine, in batch order, each like a patch of its own
/// (``PatchApplier``, its output under `PATCH/` of the machine's log folder), stopping at the first
/// that fails. With the machine's baseline fingerprint it takes a fingerprint after each patch, so
/// each patch's own changes are recorded (its fingerprint against the one before it).
struct BatchApplier: Sendable {
    let patches: [PatchSpec]
    let folder: RunFolder
    /// The machine's install output goes under `logs(machine)/PATCH/`.
    let logs: @Sendable (String) -> String
    /// Taken after each patch when a baseline is given.
    let fingerprint: FingerprintSpec

    /// The machine's outcome (the failing patch's, or the last one's when all succeeded, its message
    /// naming the patch) and each patch's install.
    func apply(
        on machine: String, channel: any GuestChannel,
        baseline: Fingerprint?
    ) async -> (outcome: RehearsalResult.PatchOutcome, installs: [PatchInstall]) {
        var installs: [PatchInstall] = []
        var previous = baseline
        var last: RehearsalResult.PatchOutcome?
        for patch in patches {
            let logDirectory = "\(logs(machine))/\(patch.id)"
            let outcome = await PatchApplier(patch: patch, folder: folder).apply(on: machine, channel: channel, logDirectory: logDirectory)
            var install = PatchInstall(
                patch: patch.id, machine: machine, succeeded: outcome.succeeded, exitCode: outcome.exitCode,
                timedOut: outcome.timedOut, message: outcome.message, logDirectory: logDirectory)
            if let before = previous {
                // A machine that stops answering after a patch has no fingerprint: the diff is then missing, not empty.
                let after = try? await FingerprintCollector(spec: fingerprint).take(machine: machine, phase: .patch, channel: channel)
                install.diff = after.map { Fingerprint.diff(from: before, to: $0) }
                previous = after
            }
            installs.append(install)
            var named = outcome
            named.message = outcome.message.map { "patch \(patch.id): \($0)" }
            named.logDirectory = logs(machine)
            last = named
            if !outcome.succeeded { break }
        }
        return (last ?? PhasedRollout.failed(machine, "the batch holds no patch"), installs)
    }
}
