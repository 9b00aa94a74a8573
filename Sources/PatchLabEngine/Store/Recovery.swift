import Foundation
import Libvirt
import PatchLabModel

/// Finishes or undoes what an interrupted run left (the harness was killed, the host rebooted),
/// from the run's journal: patched machines go back to their pre-patch snapshot, the run's
/// snapshots are deleted, and the run is marked `interrupted` — or, by choice, the lab is torn down.
public struct Recovery: Sendable {
    public let provisioner: LabProvisioner
    public let store: RunStore

    public init(provisioner: LabProvisioner, store: RunStore) {
        self.provisioner = provisioner
        self.store = store
    }

    /// What recovery did for one run.
    public struct Report: Sendable, Codable {
        public var runID: String
        public var lab: String
        public var actions: [String]
        public var problems: [String]
    }

    public func recover(tearDownLabs: Bool = false) async throws -> [Report] {
        var reports: [Report] = []
        for run in try store.runsToRecover() {
            reports.append(await recover(run, tearDown: tearDownLabs))
        }
        return reports
    }

    /// Reverts and deletes what the run's journal says it left, then takes the lab down when that
    /// was asked for or when the run itself had started to (its `lab.down` not done: killed during
    /// teardown, or a host lost). A run ended by a lost host is `completed` (its verdict stands) once
    /// nothing is left; while its host still does not answer it stays `host-lost` for the next try.
    func recover(_ run: RunRecord, tearDown: Bool) async -> Report {
        var report = Report(runID: run.id, lab: run.lab, actions: [], problems: [])
        let journal = (try? store.journal(runID: run.id)) ?? []
        let labUp = journal.contains { $0.action == .labUp && $0.status == .done }
        let unfinishedDown =
            labUp && journal.contains { $0.action == .labDown } && !journal.contains { $0.action == .labDown && $0.status == .done }
        if tearDown || unfinishedDown {
            do {
                if try await provisioner.down(labNamed: run.lab) { report.actions.append("tore lab \(run.lab) down") }
            } catch {
                report.problems.append("lab down: \(error)")
            }
        } else {
            await undoSnapshots(journal, run: run, into: &report)
            if labUp, (try? provisioner.state(of: run.lab)) != nil {
                report.actions.append("lab \(run.lab) was brought up by this run and is left up; `patchlab lab down` removes it")
            }
        }
        if run.status == .hostLost {
            if report.problems.isEmpty {
                try? store.finish(runID: run.id, status: .completed, verdict: run.verdict ?? .noGo)
                report.actions.append("finished run \(run.id) on its lost host; its verdict stays \((run.verdict ?? .noGo).rawValue)")
            }
            return report
        }
        try? store.finish(runID: run.id, status: .interrupted, verdict: .noGo)
        report.actions.append("marked run \(run.id) interrupted")
        return report
    }

    /// Patched machines back to their pre-patch snapshot, and every snapshot the run may have taken deleted.
    private func undoSnapshots(_ journal: [JournalEntry], run: RunRecord, into report: inout Report) async {
        // By machine and name: every machine's pre-patch snapshot has the same name, and a run ended
        // by a lost host has deleted it on the other hosts only.
        func key(_ entry: JournalEntry) -> String { "\(entry.machine ?? "")/\(entry.objectName ?? "")" }
        let deleted = Set(journal.filter { $0.action == .snapshotDelete && $0.status == .done }.map(key))
        // Snapshots this run may have made: a `create` intent without its `done` may still have happened.
        let created = journal.filter { $0.action == .snapshotCreate && $0.status != .failed && !deleted.contains(key($0)) }
        let touched = Set(journal.filter { $0.action == .patchApply }.compactMap(\.machine))
        for entry in created {
            guard let name = entry.objectName, let domainName = entry.detail, let uri = entry.hostURI else { continue }
            do {
                let connection = try await provisioner.connections.connection(uri)
                guard let domain = try await connection.domainIfPresent(named: domainName) else { continue }
                guard let snapshot = try? await domain.snapshot(named: name) else { continue }
                if touched.contains(entry.machine ?? "") {
                    let channel = provisioner.guestChannel(domain)
                    try await store.journaled(
                        JournalEntry(
                            runID: run.id, action: .recoverRevert, machine: entry.machine,
                            objectKind: "snapshot", objectName: name, hostURI: uri)
                    ) {
                        try await snapshot.revert(force: true)
                        try await channel.waitUntilReady(timeout: provisioner.environment.agentTimeout)
                    }
                    report.actions.append("reverted \(entry.machine ?? domainName) to its pre-patch snapshot \(name)")
                    do { try await GuestClock.set(channel, machine: entry.machine ?? domainName) } catch {
                        report.problems.append("\(entry.machine ?? domainName): \(error)")
                    }
                }
                try await store.journaled(
                    JournalEntry(
                        runID: run.id, action: .snapshotDelete, machine: entry.machine,
                        objectKind: "snapshot", objectName: name, hostURI: uri)
                ) {
                    try await snapshot.delete()
                }
                report.actions.append("deleted snapshot \(name) of \(entry.machine ?? domainName)")
            } catch {
                report.problems.append("\(entry.machine ?? "?"): \(error)")
            }
        }
    }
}
