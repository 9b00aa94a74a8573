import Foundation
import Libvirt
import PatchLabModel

/// The lab phase: up from the golden images, or — when the lab was kept up by an earlier run — reset
/// to its ready snapshot (``SnapshotName/ready(labPrefix:)``), every machine at once, instead of
/// booting again (seconds instead of a minute under TCG). With `--keep-lab` the ready snapshot is
/// taken for the next run.
struct WarmStart: Sendable {
    let context: RehearsalContext

    func prepare(labWasUp: Bool) async throws {
        let (lab, provisioner, store) = (context.lab, context.provisioner, context.store)
        guard labWasUp, let state = try provisioner.state(of: lab.name) else {
            try await store.journaled(
                context.entry(.labUp, objectKind: "lab", objectName: lab.name),
                outcome: { _ in (.done, try? provisioner.state(of: lab.name)?.prefix) }
            ) {
                try await provisioner.up(lab) { context.progress(.lab($0)) }
            }
            if context.options.keepLab { try await takeReadySnapshots() }
            return
        }
        let ready = SnapshotName.ready(labPrefix: state.prefix)
        var domains: [(String, Domain)] = []
        for machine in lab.machines { domains.append((machine.name, try await context.inspector.domain(lab: lab, machine: machine.name))) }
        let shared = context
        let reset = try await withThrowingTaskGroup(of: Int.self) { group in
            for (machine, domain) in domains {
                group.addTask {
                    guard let snapshot = try? await domain.snapshot(named: ready) else { return 0 }
                    let channel = provisioner.guestChannel(domain)
                    try await store.journaled(
                        shared.entry(
                            .snapshotRevert, machine: machine, objectKind: "snapshot", objectName: ready,
                            hostURI: domain.connection.uri)
                    ) {
                        try await snapshot.revert()
                        try await channel.waitUntilReady(timeout: provisioner.environment.agentTimeout)
                    }
                    await shared.setClock(channel, machine: machine)
                    return 1
                }
            }
            return try await group.reduce(0, +)
        }
        context.progress(
            .note(
                reset > 0
                    ? "warm start: reset \(reset) machines of lab \(lab.name) to their ready snapshot"
                    : "using lab \(lab.name) as it is up"))
        if context.options.keepLab && reset == 0 { try await takeReadySnapshots() }
    }

    /// The snapshot a kept lab is reset to next time; it belongs to the lab, not to this run.
    private func takeReadySnapshots() async throws {
        guard let state = try context.provisioner.state(of: context.lab.name) else { return }
        let ready = SnapshotName.ready(labPrefix: state.prefix)
        for machine in context.lab.machines {
            let domain = try await context.inspector.domain(lab: context.lab, machine: machine.name)
            if (try? await domain.snapshot(named: ready)) != nil { continue }
            _ = try await domain.createSnapshot(name: ready, description: "PatchLab: lab \(context.lab.name) ready")
        }
    }
}
