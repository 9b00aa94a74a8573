import Foundation
import Libvirt
import PatchLabModel
import PatchLabEngine
import PatchLabEvidence

/// Measures a rehearsal on its lab, in one run: cold `lab up` against a warm start (reset to the
/// ready snapshot), snapshot create and revert through PatchLab against raw `virsh` on the same
/// machine, the wall time of each rehearsal phase, and the harness's overhead over the raw libvirt
/// and guest-agent operations it performed (recorded by the `OperationTimeline`).
public struct RehearsalBenchmark: Sendable {
    public struct Figures: Sendable, Codable {
        public var coldUpSeconds: Double
        public var warmStartSeconds: Double
        public var snapshotCreateSeconds: Double
        public var rawSnapshotCreateSeconds: Double
        public var snapshotRevertSeconds: Double
        public var rawSnapshotRevertSeconds: Double
        public var phases: [RehearsalResult.Phase]
        public var verdict: Verdict
        /// The raw operations of the cold `lab up`.
        public var coldUpOperations: OperationSummary
        /// The raw operations of the first rehearsal on the kept lab: it finds the lab up (from the
        /// cold start), so it takes the ready snapshots instead of resetting.
        public var firstRehearsalOperations: OperationSummary
        /// The raw operations of the measured rehearsal, the one that starts warm.
        public var warmRehearsalOperations: OperationSummary
        public var warmSpeedup: Double { coldUpSeconds / warmStartSeconds }

        /// The measured rehearsal's raw operations phase by phase.
        public var warmPhaseOperations: [(phase: RehearsalResult.Phase, operations: OperationSummary)] {
            phases.map { ($0, warmRehearsalOperations.window(from: $0.startedAt, to: $0.endedAt)) }
        }
    }

    public let rehearsal: Rehearsal

    public init(rehearsal: Rehearsal) { self.rehearsal = rehearsal }

    public func run(_ inputs: RehearsalInputs, progress: @escaping @Sendable (String) -> Void) async throws -> Figures {
        let provisioner = rehearsal.provisioner
        let lab = inputs.lab
        _ = try await provisioner.down(labNamed: lab.name)
        progress("cold lab up…")
        let timeline = OperationTimeline.shared
        timeline.start()
        var start = ContinuousClock.now
        do {
            try await provisioner.up(lab)
        } catch {
            timeline.stop()
            throw error
        }
        let cold = (ContinuousClock.now - start).seconds
        let coldOperations = timeline.stop()
        do {
            let inspector = LabInspector(provisioner: provisioner)
            let domain = try await inspector.domain(lab: lab, machine: lab.machines[0].name)
            let channel = provisioner.guestChannel(domain)

            // Sub-second operations are noisy under TCG: alternate the two ways and keep medians.
            var creates: [Double] = [], reverts: [Double] = [], rawCreates: [Double] = [], rawReverts: [Double] = []
            for round in 1...Self.samples {
                progress("snapshot create and revert, round \(round) of \(Self.samples): PatchLab, then raw virsh…")
                start = .now
                let snapshot = try await domain.createSnapshot(name: "bench-patchlab")
                creates.append((ContinuousClock.now - start).seconds)
                start = .now
                try await snapshot.revert()
                try await channel.waitUntilReady(timeout: .seconds(120))
                reverts.append((ContinuousClock.now - start).seconds)
                try await snapshot.delete()

                start = .now
                try Self.virsh(["snapshot-create-as", domain.name, "bench-raw", "--atomic"], uri: domain.connection.uri)
                rawCreates.append((ContinuousClock.now - start).seconds)
                start = .now
                try Self.virsh(["snapshot-revert", domain.name, "bench-raw"], uri: domain.connection.uri)
                while (try? await GuestAgent(domain: domain).ping(timeoutSeconds: 1)) == nil {
                    try await Task.sleep(for: .milliseconds(20))
                }
                rawReverts.append((ContinuousClock.now - start).seconds)
                try Self.virsh(["snapshot-delete", domain.name, "bench-raw"], uri: domain.connection.uri)
            }
            let (create, revert, rawCreate, rawRevert) = (
                Self.median(creates), Self.median(reverts),
                Self.median(rawCreates), Self.median(rawReverts)
            )

            progress("rehearsal on the kept lab (takes the ready snapshots)…")
            timeline.start()
            // A rehearsal that throws must not leave the process recording.
            defer { timeline.stop() }
            _ = try await rehearsal.run(inputs, options: RehearsalOptions(keepLab: true))
            let firstOperations = timeline.stop()
            progress("rehearsal starting warm (reset to the ready snapshots): the measured one…")
            timeline.start()
            let result = try await rehearsal.run(inputs, options: RehearsalOptions(keepLab: true))
            let warmOperations = timeline.stop()
            let warm = result.phases.first { $0.name == .lab }?.seconds ?? 0

            try await deleteReadySnapshots(lab, inspector: inspector)
            try await provisioner.down(labNamed: lab.name)
            return Figures(
                coldUpSeconds: cold, warmStartSeconds: warm, snapshotCreateSeconds: create,
                rawSnapshotCreateSeconds: rawCreate, snapshotRevertSeconds: revert,
                rawSnapshotRevertSeconds: rawRevert, phases: result.phases, verdict: result.verdict,
                coldUpOperations: coldOperations, firstRehearsalOperations: firstOperations,
                warmRehearsalOperations: warmOperations)
        } catch {
            _ = try? await provisioner.down(labNamed: lab.name)
            throw error
        }
    }

    private func deleteReadySnapshots(_ lab: Lab, inspector: LabInspector) async throws {
        for machine in lab.machines {
            let domain = try await inspector.domain(lab: lab, machine: machine.name)
            for snapshot in try await domain.snapshots() { try await snapshot.delete() }
        }
    }

    static let samples = 5

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }

    static func virsh(_ arguments: [String], uri: String) throws {
        _ = try HostCommand.capture("/usr/bin/virsh", ["-c", uri] + arguments)
    }
}
