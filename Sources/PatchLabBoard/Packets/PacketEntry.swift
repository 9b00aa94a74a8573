import Foundation
import PatchLabEvidence
import PatchLabModel

/// One packet as the list shows it (and `GET /api/packets` gives it): which change, what the
/// rehearsal said, how long it has waited and where the board stands.
public struct PacketEntry: Codable, Sendable, Hashable {
    public var change: String
    public var run: String
    public var title: String
    /// normal, standard or emergency.
    public var type: String
    /// GO, GO WITH WARNINGS or NO-GO.
    public var verdict: String
    public var createdAt: Date
    /// Seconds since the packet was made, by the board's clock.
    public var ageSeconds: Int
    /// pending, approved, rejected, deferred or pre-approved.
    public var state: String
    public var summary: String
    public var approvalsNeeded: Int
    public var approvals: Int
    /// The packet's page on the board.
    public var page: String
    /// The packet in the API.
    public var api: String

    /// Still in front of the board: nothing final has been decided.
    var awaitingDecision: Bool { state == ApprovalStatus.State.pending.rawValue || state == ApprovalStatus.State.deferred.rawValue }

    init(location: PacketCatalog.Location, overview: PacketOverview, status: ApprovalStatus, now: Date) {
        let result = overview.result
        change = result.change.id
        run = location.run
        title = result.change.title
        type = result.change.type.rawValue
        verdict = result.verdict.title
        createdAt = overview.createdAt
        ageSeconds = max(0, Int(now.timeIntervalSince(overview.createdAt)))
        state = status.state.rawValue
        summary = status.summary
        approvalsNeeded = status.approvalsNeeded
        approvals = Set(status.records.filter { $0.decision.approves }.map(\.approver)).count
        page = location.page
        api = location.api
    }

    /// The order of the list: emergencies first (they cannot wait), then the longest waiting.
    static func inBoardOrder(_ lhs: PacketEntry, _ rhs: PacketEntry) -> Bool {
        let lhsEmergency = lhs.type == ChangeType.emergency.rawValue, rhsEmergency = rhs.type == ChangeType.emergency.rawValue
        if lhsEmergency != rhsEmergency { return lhsEmergency }
        if lhs.createdAt != rhs.createdAt { return lhs.createdAt < rhs.createdAt }
        return (lhs.change, lhs.run) < (rhs.change, rhs.run)
    }

    /// "12 min", "3 h", "2 d": how long the board has had it.
    var ageText: String {
        switch ageSeconds {
        case ..<60: return "\(ageSeconds) s"
        case ..<3600: return "\(ageSeconds / 60) min"
        case ..<86_400: return "\(ageSeconds / 3600) h"
        default: return "\(ageSeconds / 86_400) d"
        }
    }
}
