import Foundation
import PatchLabModel
import GRDB

/// One row of the run store's `run` table: a plan run or a rehearsal, from start to verdict.
public struct RunRecord: Sendable, Codable, Equatable, FetchableRecord, PersistableRecord {
    public enum Kind: String, Sendable, Codable { case plan, rehearsal }
    /// `hostLost`: the run reached its (NO-GO) verdict, but a host stopped answering and what the run
    /// left there waits for `patchlab recover`, which marks it `completed` once it has finished there.
    public enum Status: String, Sendable, Codable { case running, completed, interrupted, failed, hostLost = "host-lost" }

    public static let databaseTableName = "run"

    public var id: String
    public var kind: Kind
    /// The plan id or change id the run is about.
    public var subject: String
    public var lab: String
    public var status: Status
    public var verdict: Verdict?
    public var startedAt: Date
    public var endedAt: Date?
    public var `operator`: String?
    /// The process that runs it, so `recover` can tell a live run from an interrupted one.
    public var pid: Int32?
    /// The host the harness ran on.
    public var host: String?
    public var labFile: String?
    /// Kind-specific JSON: for a rehearsal, its phases, fingerprints and proof.
    public var details: String?

    public init(
        id: String, kind: Kind, subject: String, lab: String, status: Status = .running, verdict: Verdict? = nil,
        startedAt: Date = Date(), endedAt: Date? = nil, operator: String? = nil, pid: Int32? = nil,
        host: String? = nil, labFile: String? = nil, details: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.subject = subject
        self.lab = lab
        self.status = status
        self.verdict = verdict
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.operator = `operator`
        self.pid = pid
        self.host = host
        self.labFile = labFile
        self.details = details
    }
}
