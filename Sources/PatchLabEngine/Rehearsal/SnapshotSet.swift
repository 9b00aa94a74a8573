import Foundation
import Libvirt
import PatchLabModel

/// The run's pre-patch snapshots of its targets (``SnapshotName/prePatch(runID:change:)``): taken
/// before the patch, reverted to for the rollback, and deleted at the end or on any failure, each
/// step journalled so `recover` can finish what a killed harness left.
actor SnapshotSet {
    private let context: RehearsalContext
    private var snapshots: [String: DomainSnapshot] = [:]

    init(context: RehearsalContext) {
        self.context = context
    }

    var name: String { SnapshotName.prePatch(runID: context.runID, change: context.change.id) }

    /// A full-system snapshot (disk and memory, internal to the qcow2) of each target, one after the
    /// other; the first failure stops it (nothing is patched without every snapshot).
    func take(_ targets: [String]) async throws {
        for machine in targets {
            let domain = try await context.inspector.domain(lab: context.lab, machine: machine)
            // Atomic and needing no filesystem freeze: the guest resumes exactly where it was.
            snapshots[machine] = try await context.store.journaled(
                context.entry(
                    .snapshotCreate, machine: machine, objectKind: "snapshot", objectName: name,
                    hostURI: domain.connection.uri, detail: domain.name)
            ) {
                try await domain.createSnapshot(name: name, description: "PatchLab \(context.change.id) before patch")
            }
            context.progress(.note("snapshot \(name) of \(machine)"))
        }
    }

    /// Reverts every snapshotted target, patched or not, so the proof compares like with like;
    /// machines on a host in `sparing` (lost) are left for `recover`. Returns how many were reverted.
    @discardableResult
    func revertAll(_ targets: [String], sparing: Set<String> = []) async throws -> Int {
        var reverted = 0
        for machine in targets {
            guard let snapshot = snapshots[machine], !sparing.contains(snapshot.domain.connection.uri) else { continue }
            let channel = context.provisioner.guestChannel(snapshot.domain)
            try await context.store.journaled(
                context.entry(
                    .snapshotRevert, machine: machine, objectKind: "snapshot",
                    objectName: snapshot.name, hostURI: snapshot.domain.connection.uri)
            ) {
                // Forced: the machine may have crashed or been destroyed after the patch.
                try await snapshot.revert(force: true)
                try await channel.waitUntilReady(timeout: context.provisioner.environment.agentTimeout)
            }
            context.progress(.note("reverted \(machine) to \(snapshot.name)"))
            await context.setClock(channel, machine: machine)
            reverted += 1
        }
        return reverted
    }

    /// Best effort, on the failure path: put `machines` back before anything else.
    func revertQuietly(_ machines: [String]) async {
        for machine in machines {
            try? await snapshots[machine]?.revert(force: true)
        }
    }

    /// Deletes every snapshot this run took: a kept lab stays up, so they would leak otherwise. Those
    /// on a host in `sparing` (lost) stay journalled as taken, for `recover` to delete.
    func deleteAll(sparing: Set<String> = []) async {
        for (machine, snapshot) in snapshots where !sparing.contains(snapshot.domain.connection.uri) {
            _ = try? await context.store.journaled(
                context.entry(
                    .snapshotDelete, machine: machine, objectKind: "snapshot",
                    objectName: snapshot.name, hostURI: snapshot.domain.connection.uri)
            ) {
                try await snapshot.delete()
            }
        }
        snapshots = snapshots.filter { sparing.contains($0.value.domain.connection.uri) }
    }
}
