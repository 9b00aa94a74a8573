import Foundation
import GRDB

extension RunStore {
    /// Writes the intent of a step before it happens; returns the entry to mark after.
    @discardableResult
    public func journal(_ entry: JournalEntry) throws -> JournalEntry {
        var entry = entry
        try database.write { db in try entry.insert(db) }
        return entry
    }

    /// Runs `body` as one journalled step, the way ``DatabaseWriter/write(_:)`` scopes a transaction:
    /// the intent is written before `body` runs, and marked after it — by `outcome` (done, by
    /// default) when it returns, failed (with the error) when it throws. A step whose intent cannot
    /// be written does not run. `body` runs in the caller's isolation (an actor's, for the session).
    @discardableResult
    public func journaled<T>(
        _ entry: JournalEntry,
        outcome: (T) -> (status: JournalEntry.Status, detail: String?) = { _ in (.done, nil) },
        isolation: isolated (any Actor)? = #isolation,
        _ body: () async throws -> T
    ) async throws -> T {
        let written = try journal(entry)
        let value: T
        do { value = try await body() } catch {
            try? mark(written, .failed, detail: "\(error)")
            throw error
        }
        let (status, detail) = outcome(value)
        try mark(written, status, detail: detail)
        return value
    }

    /// Marks a journalled step done or failed.
    public func mark(_ entry: JournalEntry, _ status: JournalEntry.Status, detail: String? = nil) throws {
        guard let id = entry.id else { return }
        try database.write { db in
            try db.execute(
                sql: "UPDATE journal SET status = ?, detail = COALESCE(?, detail) WHERE id = ?",
                arguments: [status.rawValue, detail, id])
        }
    }

    /// A run's journal in the order it was written.
    public func journal(runID: String) throws -> [JournalEntry] {
        try database.read { db in try JournalEntry.filter(Column("runID") == runID).order(Column("id")).fetchAll(db) }
    }

    /// Runs still marked running whose process is gone: killed, crashed, or the host rebooted.
    public func interruptedRuns(isAlive: (Int32) -> Bool = RunStore.processIsAlive) throws -> [RunRecord] {
        let running = try database.read { db in
            try RunRecord.filter(Column("status") == RunRecord.Status.running.rawValue).order(Column("startedAt")).fetchAll(db)
        }
        let host = ProcessInfo.processInfo.hostName
        return running.filter { run in
            guard let pid = run.pid, run.host == nil || run.host == host else { return run.pid == nil }
            return !isAlive(pid)
        }
    }

    /// What `recover` has to finish: interrupted runs, and runs that ended with a host lost.
    public func runsToRecover(isAlive: (Int32) -> Bool = RunStore.processIsAlive) throws -> [RunRecord] {
        let lost = try database.read { db in
            try RunRecord.filter(Column("status") == RunRecord.Status.hostLost.rawValue).order(Column("startedAt")).fetchAll(db)
        }
        return (try interruptedRuns(isAlive: isAlive) + lost).sorted { $0.startedAt < $1.startedAt }
    }

    /// Stores a run's kind-specific details (JSON).
    public func setDetails(runID: String, _ details: String) throws {
        try database.write { db in
            try db.execute(sql: "UPDATE run SET details = ? WHERE id = ?", arguments: [details, runID])
        }
    }

    /// Whether a process with this id exists (signal 0 probes without touching it).
    public static func processIsAlive(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
