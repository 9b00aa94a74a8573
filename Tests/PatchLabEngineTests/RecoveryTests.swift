import Foundation
import Libvirt
import PatchLabModel
import Testing
@testable import PatchLabEngine

/// `recover` on a run ended by a lost host, from its journal, on the test driver: only what was left
/// on that host is finished (every machine's snapshot has the same name, and the other hosts'
/// were already deleted), an unfinished lab down is completed, and the run's NO-GO stands.
@Suite struct RecoveryTests {
    struct Rig {
        let lab: TestLab
        let provisioner: LabProvisioner
        let store: RunStore
        let state: LabState
        let runID = RunStore.newRunID()
        let snapshot = "run-pre-CHG-9"

        init() async throws {
            lab = try TestLab()
            provisioner = LabProvisioner(environment: lab.environment, guestChannel: FakeGuestChannel.factory())
            store = try RunStore(environment: lab.environment)
            state = try await provisioner.up(try lab.lab())
            try store.begin(RunRecord(id: runID, kind: .rehearsal, subject: "CHG-9", lab: lab.name, pid: getpid()))
        }

        func domain(_ machine: String) async throws -> Domain {
            try await provisioner.connections.connection("test:///default").domain(named: "\(state.prefix)-\(machine)")
        }

        /// Both machines snapshotted and patched; the snapshot of web-01 (on the host that answered) deleted.
        func journalALostHostRun(labUp: Bool) async throws {
            if labUp { try store.journal(JournalEntry(runID: runID, action: .labUp, status: .done)) }
            for machine in ["web-01", "web-02"] {
                let domain = try await domain(machine)
                _ = try await domain.createSnapshot(name: snapshot)
                try store.journal(
                    JournalEntry(
                        runID: runID, action: .snapshotCreate, machine: machine, objectKind: "snapshot",
                        objectName: snapshot, hostURI: "test:///default", status: .done, detail: domain.name))
                try store.journal(JournalEntry(runID: runID, action: .patchApply, machine: machine, status: .done))
            }
            try await domain("web-01").snapshot(named: snapshot).delete()
            try store.journal(
                JournalEntry(
                    runID: runID, action: .snapshotDelete, machine: "web-01", objectKind: "snapshot",
                    objectName: snapshot, hostURI: "test:///default", status: .done))
            if labUp { try store.journal(JournalEntry(runID: runID, action: .labDown, status: .failed, detail: "host lost")) }
            try store.finish(runID: runID, status: .hostLost, verdict: .noGo)
        }
    }

    @Test func onlyWhatWasLeftOnTheLostHostIsRevertedAndDeleted() async throws {
        let rig = try await Rig()
        defer { rig.lab.cleanUp() }
        try await rig.journalALostHostRun(labUp: false)
        #expect(try rig.store.runsToRecover().map(\.id) == [rig.runID], "a host-lost run waits for recover")

        let reports = try await Recovery(provisioner: rig.provisioner, store: rig.store).recover()
        let report = try #require(reports.first)
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.actions.filter { $0.hasPrefix("reverted") } == ["reverted web-02 to its pre-patch snapshot \(rig.snapshot)"])
        #expect(report.actions.contains("deleted snapshot \(rig.snapshot) of web-02"))
        #expect(!report.actions.contains { $0.contains("web-01") }, "web-01 was finished by the run itself")
        #expect(try await rig.domain("web-02").snapshots().isEmpty)
        let run = try #require(try rig.store.run(id: rig.runID))
        #expect(run.status == .completed && run.verdict == .noGo, "finished there; the NO-GO stands")
        #expect(try rig.store.runsToRecover().isEmpty)
        try await rig.provisioner.down(labNamed: rig.lab.name)
    }

    @Test func aLabDownTheRunCouldNotFinishIsFinished() async throws {
        let rig = try await Rig()
        defer { rig.lab.cleanUp() }
        try await rig.journalALostHostRun(labUp: true)
        let report = try #require(try await Recovery(provisioner: rig.provisioner, store: rig.store).recover().first)
        #expect(report.actions.contains("tore lab \(rig.lab.name) down"), "\(report.actions)")
        #expect(try rig.provisioner.state(of: rig.lab.name) == nil)
        #expect(try await TestLab.objects(named: rig.state.prefix).isEmpty)
        #expect(try rig.store.run(id: rig.runID)?.status == .completed)
    }
}
