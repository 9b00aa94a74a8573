import Foundation
import PatchLabModel

/// `change.json`: the change as rehearsed, with fields named as change-management tools name them
/// (ServiceNow's `change_request`: `number`, `short_description`, `justification`,
/// `implementation_plan`, `backout_plan`, `test_plan`…), so a tool can map it onto a ticket field
/// by field. The plans are plain text, written from what the rehearsal actually did.
public struct ChangeRecord: Sendable, Codable {
    /// When and where the rehearsal ran, and what it found.
    public struct Rehearsal: Sendable, Codable {
        public var runID: String
        public var lab: String
        /// ISO 8601, UTC.
        public var startedAt: String
        public var endedAt: String
        public var ranBy: String?
        public var host: String?
        /// `GO`, `GO WITH WARNINGS` or `NO-GO`.
        public var verdict: String
        public var reasons: [String]
        /// `yes`, `no` or `not rehearsed`.
        public var rollbackProven: String

        enum CodingKeys: String, CodingKey {
            case runID = "run_id", lab, startedAt = "started_at", endedAt = "ended_at", ranBy = "ran_by", host
            case verdict, reasons, rollbackProven = "rollback_proven"
        }

        /// Absent values are written as `null`, so every record has the same keys.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(runID, forKey: .runID)
            try container.encode(lab, forKey: .lab)
            try container.encode(startedAt, forKey: .startedAt)
            try container.encode(endedAt, forKey: .endedAt)
            try container.encode(ranBy, forKey: .ranBy)
            try container.encode(host, forKey: .host)
            try container.encode(verdict, forKey: .verdict)
            try container.encode(reasons, forKey: .reasons)
            try container.encode(rollbackProven, forKey: .rollbackProven)
        }
    }

    /// The change id (`CHG-0001`).
    public var number: String
    public var shortDescription: String
    public var description: String
    /// `normal`, `standard` or `emergency`.
    public var type: String
    /// `low`, `medium` or `high`, as the requester assessed it.
    public var risk: String
    /// The change's reason, as written.
    public var justification: String
    public var implementationPlan: String
    public var testPlan: String
    public var backoutPlan: String
    /// The rehearsal's verdict (`GO`, `GO WITH WARNINGS`, `NO-GO`).
    public var testResult: String
    public var requestedBy: String?
    public var rehearsal: Rehearsal
    public var patchFiles: [PatchFileRecord]

    enum CodingKeys: String, CodingKey {
        case number, shortDescription = "short_description", description, type, risk, justification
        case implementationPlan = "implementation_plan", testPlan = "test_plan", backoutPlan = "backout_plan"
        case testResult = "test_result", requestedBy = "requested_by", rehearsal, patchFiles = "patch_files"
    }

    /// Absent values are written as `null`, so every record has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(number, forKey: .number)
        try container.encode(shortDescription, forKey: .shortDescription)
        try container.encode(description, forKey: .description)
        try container.encode(type, forKey: .type)
        try container.encode(risk, forKey: .risk)
        try container.encode(justification, forKey: .justification)
        try container.encode(implementationPlan, forKey: .implementationPlan)
        try container.encode(testPlan, forKey: .testPlan)
        try container.encode(backoutPlan, forKey: .backoutPlan)
        try container.encode(testResult, forKey: .testResult)
        try container.encode(requestedBy, forKey: .requestedBy)
        try container.encode(rehearsal, forKey: .rehearsal)
        try container.encode(patchFiles, forKey: .patchFiles)
    }

    public init(_ overview: PacketOverview) {
        let facts = PacketFacts(overview)
        let result = overview.result
        let change = result.change
        number = change.id
        shortDescription = change.title
        description = facts.ticketDescription
        type = change.type.rawValue
        risk = change.risk.rawValue
        justification = change.reason
        implementationPlan = facts.implementationPlan
        testPlan = facts.testPlan
        backoutPlan = facts.backoutPlan
        testResult = result.verdict.title
        requestedBy = change.requestedBy
        rehearsal = Rehearsal(
            runID: result.runID, lab: result.labName, startedAt: ReportFormat.timestamp(result.startedAt),
            endedAt: ReportFormat.timestamp(result.endedAt), ranBy: result.ranBy, host: result.host,
            verdict: result.verdict.title, reasons: result.reasons, rollbackProven: facts.rollbackProven)
        patchFiles = overview.patchFiles
    }

    /// Pretty JSON with sorted keys, so the same record always gives the same bytes (the manifest
    /// hashes it).
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }
}
