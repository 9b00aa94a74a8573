import Foundation
import Libvirt
import PatchLabModel
import Testing
@testable import PatchLabEngine

/// The rehearsal's phases, their order, their error paths and an interruption, on libvirt's test
/// driver with the fake guest side: real domains, volumes and snapshots, in seconds, no VM booted.
/// Every test ends by checking that nothing of the lab is left in libvirt.
@Suite struct RehearsalSessionTests {
    /// A two-machine lab (web-01 pilot, web-02 critical), a one-case plan, and a change that patches
    /// both, phased; `guest` answers every command the rehearsal runs in a guest.
    struct Rig {
        let lab: TestLab
        let change: String
        let digest: String
        let log = FakeGuestChannel.CommandLog()
        let interrupt = InterruptSignal()

        static let fingerprintLines = "package nginx-light 1.22.1-9+deb12u9\nport tcp 80\nservice nginx.service active enabled\n"

        /// `extra` is appended to the change file (top-level keys such as `fidelity:`).
        init(order: String = "phased", extra: String = "") throws {
            lab = try TestLab()
            _ = try lab.lab()
            try "server_tokens off;\n".write(toFile: lab.home + "/fix.conf", atomically: true, encoding: .utf8)
            try lab.writePlan()
            change = lab.home + "/CHG-0009.yaml"
            digest = try FileDigest.sha256(ofFile: lab.home + "/fix.conf")
            try """
            change: CHG-0009
            title: test change
            type: normal
            reason: test
            risk: low
            lab: \(lab.name).yaml
            plans: [plan.yaml]
            patch:
              description: a conf file
              files:
                - source: fix.conf
                  sha256: \(digest)
                  destination: /etc/nginx/conf.d/fix.conf
              install: "install-patch"
            deployment:
              order: \(order)
            \(extra)
            """.write(toFile: change, atomically: true, encoding: .utf8)
        }

        /// Runs the rehearsal; `answer` decides each guest command (nil: the healthy default).
        func rehearse(
            _ answer: @escaping @Sendable (_ machine: String, _ argv: [String]) async -> GuestExecResult? = { _, _ in nil },
            events: EventLog = EventLog(), productionDirectory: String? = nil
        ) async throws -> RehearsalResult {
            let digest = self.digest
            let provisioner = LabProvisioner(
                environment: lab.environment,
                guestChannel: FakeGuestChannel.factory(log: log) { machine, argv in
                    if let answer = await answer(machine, argv) { return answer }
                    if argv.first == "sha256sum" {
                        return GuestExecResult(exitCode: 0, stdout: Data("\(digest)  \(argv.last ?? "")\n".utf8))
                    }
                    if argv.first == "/bin/sh", argv.last?.contains("PatchLab fingerprint probe") == true {
                        return GuestExecResult(exitCode: 0, stdout: Data(Self.fingerprintLines.utf8))
                    }
                    return GuestExecResult(exitCode: 0, stdout: Data("ok\n".utf8))
                })
            let rehearsal = Rehearsal(provisioner: provisioner, store: try RunStore(environment: lab.environment), interrupt: interrupt)
            return try await rehearsal.run(
                try RehearsalInputs.load(change), options: RehearsalOptions(productionDirectory: productionDirectory),
                progress: { events.append($0) })
        }

        func journal(_ runID: String) throws -> [JournalAction] {
            try RunStore(environment: lab.environment).journal(runID: runID).map(\.action)
        }

        func expectNothingLeft(sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws {
            #expect(
                try await TestLab.objects(named: "pl-\(lab.name)-").isEmpty, "domains, networks or volumes left",
                sourceLocation: sourceLocation)
            #expect(try await lab.volumes().isEmpty, "volumes left in the lab's pool", sourceLocation: sourceLocation)
            #expect(
                try LabProvisioner(environment: lab.environment).state(of: lab.name) == nil, "the lab is still recorded as up",
                sourceLocation: sourceLocation)
        }
    }

    /// The events a rehearsal reported, in order.
    final class EventLog: @unchecked Sendable {
        private let lock = NSLock()
        private var events: [RehearsalEvent] = []
        func append(_ event: RehearsalEvent) { lock.withLock { events.append(event) } }
        var phases: [RehearsalPhase] {
            lock.withLock { events.compactMap { if case let .phase(phase) = $0 { phase } else { nil } } }
        }
        var notes: [String] {
            lock.withLock { events.compactMap { if case let .note(text) = $0 { text } else { nil } } }
        }
    }

    static let everyPhase: [RehearsalPhase] = [
        .lab, .baseline, .baselineFingerprint, .snapshot, .patch, .postPatch, .postPatchFingerprint,
        .rollback, .postRollback, .postRollbackFingerprint, .teardown,
    ]

    @Test func aCleanRehearsalRunsEveryPhaseInOrderAndIsGo() async throws {
        let rig = try Rig()
        defer { rig.lab.cleanUp() }
        let events = EventLog()
        let result = try await rig.rehearse(events: events)
        #expect(result.verdict == .go, "\(result.reasons)")
        #expect(result.phases.map(\.name) == Self.everyPhase)
        #expect(events.phases == Self.everyPhase)
        #expect(result.phases.allSatisfy { $0.status == "done" })
        #expect(result.rollbackProof?.proven == true)
        #expect(result.patchedMachines == ["web-01", "web-02"], "phased: pilot first")
        #expect(Set(result.planRuns.filter { !$0.value.isEmpty }.keys) == [.baseline, .postPatch, .postRollback])
        #expect(Set(result.fingerprints.keys) == [.baseline, .postPatch, .postRollback])
        #expect(
            try rig.journal(result.runID) == [
                .labUp, .snapshotCreate, .snapshotCreate, .patchApply, .patchApply,
                .snapshotRevert, .snapshotRevert, .snapshotDelete, .snapshotDelete, .labDown,
            ])
        let store = try RunStore(environment: rig.lab.environment)
        #expect(try store.journal(runID: result.runID).allSatisfy { $0.status == .done })
        #expect(try store.run(id: result.runID)?.verdict == .go)
        #expect(try store.run(id: result.runID)?.status == .completed)
        // The install ran on each machine, pilot first, after the uploads were checked.
        let installs = ["web-01", "web-02"].map { rig.log.commands(ofMachine: $0).filter { $0.last == "install-patch" }.count }
        #expect(installs == [1, 1])
        try await rig.expectNothingLeft()
    }

    @Test func aFailingBaselineStopsBeforeAnythingIsSnapshottedOrPatched() async throws {
        let rig = try Rig()
        defer { rig.lab.cleanUp() }
        let result = try await rig.rehearse { _, argv in
            argv.last == "check-nginx" ? GuestExecResult(exitCode: 3, stdout: Data("inactive\n".utf8)) : nil
        }
        #expect(result.verdict == .noGo)
        #expect(result.reasons.first?.hasPrefix("baseline failed: P-1 on web-01 failed") == true, "\(result.reasons)")
        #expect(result.phases.map(\.name) == [.lab, .baseline, .baselineFingerprint])
        #expect(result.patchedMachines.isEmpty)
        #expect(try rig.journal(result.runID) == [.labUp, .labDown], "no snapshot, no patch")
        try await rig.expectNothingLeft()
    }

    /// Phased: the pilot's install fails, the critical machine is never patched, the rollback still
    /// runs and is still proven.
    @Test func aFailedInstallOnThePilotStopsThePhasedRolloutAndRollsBack() async throws {
        let rig = try Rig()
        defer { rig.lab.cleanUp() }
        let result = try await rig.rehearse { _, argv in
            argv.last == "install-patch" ? GuestExecResult(exitCode: 1, stderr: Data("dpkg: error\n".utf8)) : nil
        }
        #expect(result.verdict == .noGo)
        #expect(result.patchedMachines == ["web-01"])
        #expect(result.patchOutcomes.map(\.succeeded) == [false])
        #expect(result.patchOutcomes.first?.message?.contains("exited with status 1") == true)
        #expect(result.phases.map(\.name) == Self.everyPhase)
        #expect(result.rollbackProof?.proven == true)
        let journal = try RunStore(environment: rig.lab.environment).journal(runID: result.runID)
        #expect(journal.filter { $0.action == .patchApply }.map(\.status) == [.failed])
        #expect(journal.filter { $0.action == .snapshotRevert }.count == 2, "every snapshotted target is reverted")
        try await rig.expectNothingLeft()
    }

    @Test func allAtOnceTriesEveryMachineEvenWhenOneFails() async throws {
        let rig = try Rig(order: "all-at-once")
        defer { rig.lab.cleanUp() }
        let result = try await rig.rehearse { machine, argv in
            argv.last == "install-patch" && machine == "web-02" ? GuestExecResult(exitCode: 1) : nil
        }
        #expect(result.verdict == .noGo)
        #expect(result.patchedMachines == ["web-01", "web-02"])
        #expect(Set(result.patchOutcomes.map { "\($0.machine)=\($0.succeeded)" }) == ["web-01=true", "web-02=false"])
        try await rig.expectNothingLeft()
    }

    /// Ctrl-C while the pilot's install runs: the install is abandoned, nothing else is patched, the
    /// post-patch plans are not run, the rollback is, and the verdict says why.
    @Test func anInterruptionDuringThePatchRollsBackAndSaysSo() async throws {
        let rig = try Rig()
        defer { rig.lab.cleanUp() }
        let interrupt = rig.interrupt
        let result = try await rig.rehearse { _, argv in
            guard argv.last == "install-patch" else { return nil }
            interrupt.request()
            try? await Task.sleep(for: .seconds(30))
            return GuestExecResult(exitCode: 0)
        }
        #expect(result.verdict == .noGo)
        #expect(result.interrupted)
        #expect(result.reasons.first?.hasPrefix("interrupted by the operator") == true, "\(result.reasons)")
        #expect(result.patchedMachines == ["web-01"])
        #expect(result.patchOutcomes.first?.message == "interrupted by the operator")
        #expect(!result.phases.map(\.name).contains(.postPatch))
        #expect(result.phases.map(\.name).contains(.rollback) && result.phases.map(\.name).contains(.postRollback))
        #expect(try RunStore(environment: rig.lab.environment).run(id: result.runID)?.status == .interrupted)
        try await rig.expectNothingLeft()
    }

    /// A step that breaks the rehearsal itself (here the rollback: its snapshot was deleted behind the
    /// harness's back) undoes what the run did and rethrows; the run is recorded as failed.
    @Test func aRehearsalThatBreaksUndoesItsWorkAndRecordsTheRunAsFailed() async throws {
        let rig = try Rig()
        defer { rig.lab.cleanUp() }
        let (name, environment) = (rig.lab.name, rig.lab.environment)
        await #expect(throws: (any Error).self) {
            _ = try await rig.rehearse { machine, argv in
                guard argv.last == "install-patch", machine == "web-02" else { return nil }
                // The last install: delete web-01's pre-patch snapshot, so its revert must fail.
                let state = try? LabProvisioner(environment: environment).state(of: name)
                let domainName = state?.machines.first { $0.name == "web-01" }?.domain ?? "?"
                let connection = try? await Connection.open("test:///default")
                let domain = try? await connection?.domain(named: domainName)
                for snapshot in (try? await domain?.snapshots()) ?? [] { try? await snapshot.delete() }
                return nil
            }
        }
        let store = try RunStore(environment: rig.lab.environment)
        let run = try #require(try store.runs().first)
        #expect(run.status == .failed)
        #expect(run.verdict == .noGo)
        #expect(try store.journal(runID: run.id).contains { $0.action == .snapshotRevert && $0.status == .failed })
        try await rig.expectNothingLeft()
    }
}
