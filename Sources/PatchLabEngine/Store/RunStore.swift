import Foundation
import GRDB
import PatchLabModel

/// The run store: an embedded SQLite database (through GRDB) of every plan run and rehearsal, with
/// each case result, so runs can be listed, shown and compared later.
///
/// Lives at `PATCHLAB_DB`, or `$PATCHLAB_HOME/runs.sqlite`. Schema changes are versioned migrations.
public final class RunStore: Sendable {
    let database: DatabaseQueue
    public let path: String

    /// Results are stored as JSON with dates as reference-date seconds, which
    /// read back bit for bit (ISO 8601 text would round them).
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .deferredToDate
        return encoder
    }()

    public static let decoder = JSONDecoder()

    public init(path: String) throws {
        try FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path,
            withIntermediateDirectories: true)
        var configuration = Configuration()
        // Several patchlab processes (a rehearsal and a `runs list`) may share the file.
        configuration.busyMode = .timeout(10)
        // Write-ahead log: a journalled step is one append and one fsync of the log, where the
        // rollback journal took four syncs and a file created and deleted per transaction (a
        // rehearsal of 500 machines: 20,000 syncs, 12 s of them on a quiet disk and over a minute
        // on a busy one). FULL keeps each step durable across a power loss, not only a killed process.
        configuration.journalMode = .wal
        database = try DatabaseQueue(path: path, configuration: configuration)
        try database.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
        self.path = path
        try Self.migrator.migrate(database)
    }

    public convenience init(environment: EngineEnvironment) throws {
        try self.init(path: environment.runStorePath)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: runs and case results") { db in
            try db.create(table: "run") { t in
                t.primaryKey("id", .text)
                t.column("kind", .text).notNull()  // plan | rehearsal
                t.column("subject", .text).notNull()  // plan id or change id
                t.column("lab", .text).notNull()
                t.column("status", .text).notNull()  // running | completed | interrupted | failed
                t.column("verdict", .text)
                t.column("startedAt", .datetime).notNull()
                t.column("endedAt", .datetime)
                t.column("operator", .text)
            }
            try db.create(table: "planRun") { t in
                t.autoIncrementedPrimaryKey("rowid")
                t.column("runID", .text).notNull().indexed().references("run", onDelete: .cascade)
                t.column("phase", .text)
                t.column("planID", .text).notNull()
                t.column("planDigest", .text).notNull()
                t.column("verdict", .text).notNull()
                t.column("startedAt", .datetime).notNull()
                t.column("endedAt", .datetime).notNull()
                // The whole result as JSON: the rows below are for queries, this is for faithful read-back.
                t.column("result", .jsonText).notNull()
            }
            try db.create(table: "caseResult") { t in
                t.autoIncrementedPrimaryKey("rowid")
                t.column("runID", .text).notNull().indexed().references("run", onDelete: .cascade)
                t.column("phase", .text)
                t.column("planID", .text).notNull()
                t.column("caseID", .text).notNull()
                t.column("machine", .text).notNull()
                t.column("severity", .text).notNull()
                t.column("state", .text).notNull()
                t.column("durationSeconds", .double).notNull()
                t.column("attempts", .integer).notNull()
            }
        }
        migrator.registerMigration("v2: journal and owning process") { db in
            try db.alter(table: "run") { t in
                t.add(column: "pid", .integer)
                t.add(column: "host", .text)
                t.add(column: "labFile", .text)
                t.add(column: "details", .jsonText)
            }
            try db.create(table: "journal") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("runID", .text).notNull().indexed().references("run", onDelete: .cascade)
                t.column("at", .datetime).notNull()
                t.column("action", .text).notNull()
                t.column("machine", .text)
                t.column("objectKind", .text)
                t.column("objectName", .text)
                t.column("hostURI", .text)
                t.column("status", .text).notNull()  // intent | done | failed
                t.column("detail", .text)
            }
        }
        return migrator
    }

    /// A new run id: sortable by time, unique enough for one host.
    public static func newRunID(now: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return "\(formatter.string(from: now))-\(UUID().uuidString.prefix(4).lowercased())"
    }

    /// Records that a run started, before any of its work.
    public func begin(_ run: RunRecord) throws {
        try database.write { db in try run.insert(db) }
    }

    /// Adds one plan run's results to a run.
    public func record(_ result: PlanRunResult) throws {
        let json = String(decoding: try Self.encoder.encode(result), as: UTF8.self)
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO planRun (runID, phase, planID, planDigest, verdict, startedAt, endedAt, result)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    result.runID, result.phase?.rawValue, result.planID, result.planDigest, result.verdict.rawValue,
                    result.startedAt, result.endedAt, json,
                ])
            for r in result.results {
                try db.execute(
                    sql: """
                        INSERT INTO caseResult (runID, phase, planID, caseID, machine, severity, state, durationSeconds, attempts)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        result.runID, result.phase?.rawValue, r.planID, r.caseID, r.machine, r.severity.rawValue,
                        r.state.rawValue, r.durationSeconds, r.attempts,
                    ])
            }
        }
    }

    /// Closes a run with its status and verdict.
    public func finish(runID: String, status: RunRecord.Status, verdict: Verdict?, endedAt: Date = Date()) throws {
        try database.write { db in
            try db.execute(
                sql: "UPDATE run SET status = ?, verdict = ?, endedAt = ? WHERE id = ?",
                arguments: [status.rawValue, verdict?.rawValue, endedAt, runID])
        }
    }

    public func run(id: String) throws -> RunRecord? {
        try database.read { db in try RunRecord.fetchOne(db, key: id) }
    }

    /// The newest runs first.
    public func runs(limit: Int = 50) throws -> [RunRecord] {
        try database.read { db in try RunRecord.order(Column("startedAt").desc, Column("id").desc).limit(limit).fetchAll(db) }
    }

    /// The plan runs of a run, in the order they were recorded.
    public func planRuns(runID: String) throws -> [PlanRunResult] {
        try database.read { db in
            try String.fetchAll(db, sql: "SELECT result FROM planRun WHERE runID = ? ORDER BY rowid", arguments: [runID])
        }.map { try Self.decoder.decode(PlanRunResult.self, from: Data($0.utf8)) }
    }

    /// Every case result of a run as stored, for comparisons across runs.
    public func caseResults(runID: String) throws -> [CaseResult] {
        try planRuns(runID: runID).flatMap(\.results)
    }
}
