import Foundation
import GRDB

/// One state-changing step of a run, written *before* the step (as an intent) and marked done or
/// failed after it, so an interrupted run can be finished or undone from what it says.
public struct JournalEntry: Sendable, Codable, Equatable, FetchableRecord, MutablePersistableRecord {
    public enum Status: String, Sendable, Codable { case intent, done, failed }

    public static let databaseTableName = "journal"

    public var id: Int64?
    public var runID: String
    public var at: Date
    public var action: JournalAction
    public var machine: String?
    /// The libvirt object it creates or touches (kind `snapshot`, `domain`, …) and its name.
    public var objectKind: String?
    public var objectName: String?
    public var hostURI: String?
    public var status: Status
    public var detail: String?

    public init(
        runID: String, action: JournalAction, machine: String? = nil, objectKind: String? = nil, objectName: String? = nil,
        hostURI: String? = nil, status: Status = .intent, detail: String? = nil, at: Date = Date()
    ) {
        self.runID = runID
        self.at = at
        self.action = action
        self.machine = machine
        self.objectKind = objectKind
        self.objectName = objectName
        self.hostURI = hostURI
        self.status = status
        self.detail = detail
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
