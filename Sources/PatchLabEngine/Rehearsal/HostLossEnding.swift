import Foundation
import PatchLabModel

/// How a rehearsal ends when a host stops answering (``HostLoss``): NO-GO, naming the host and the
/// phase. On the hosts that still answer, the patched machines are reverted to their pre-patch
/// snapshot, the run's snapshots deleted, and the lab taken down if the run brought it up, so the
/// run leaves nothing behind there. On the lost host everything stays journalled (`snapshot.create`,
/// `patch.apply`, a failed `lab.down`), and `patchlab recover` finishes it once the host answers:
/// the run is stored as `host-lost` until then.
struct HostLossEnding: Sendable {
    let context: RehearsalContext
    let snapshots: SnapshotSet

    func end(_ loss: HostLoss, patched: [String], labWasUp: Bool) async {
        let progress = context.progress
        progress(.note("\(loss): \(loss.details); reverting and cleaning up on the other hosts"))
        do {
            try await snapshots.revertAll(patched, sparing: loss.uris)
        } catch {
            progress(.note("revert on the hosts that answer failed: \(error)"))
        }
        await snapshots.deleteAll(sparing: loss.uris)
        await LabTeardown(context: context).run(labWasUp: labWasUp, sparing: loss.uris)
        progress(.note("once \(loss.hosts.map(\.name).joined(separator: ", ")) answers again, run `patchlab recover` to finish there"))
    }
}
