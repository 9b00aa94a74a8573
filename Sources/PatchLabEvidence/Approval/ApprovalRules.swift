import Foundation
import PatchLabModel

/// The board's rules for what makes a change approved, given its rehearsal and its decisions.
///
/// - Any rejection rejects.
/// - A standard change whose change file matches a pre-approved template's digest needs no decision.
/// - A NO-GO can be approved only as an emergency: `noGoEmergency` approvals (default 2) that carry
///   the emergency justification, one of them from the emergency authority.
/// - An emergency change needs `emergency` approvals (default 1), one from the emergency authority.
/// - Anything else needs `normal` approvals (default 1).
public enum ApprovalRules {
    public enum Kind: String, Sendable {
        case normal, emergency, noGoEmergency = "no-go-emergency", standardTemplate = "standard-template"
    }

    public static func kind(of result: RehearsalResult, matchesTemplate: Bool) -> Kind {
        if result.verdict == .noGo { return .noGoEmergency }
        if result.change.type == .emergency { return .emergency }
        if result.change.type == .standard && matchesTemplate { return .standardTemplate }
        return .normal
    }

    public static func needed(_ kind: Kind, quorum: ApprovalQuorum) -> Int {
        switch kind {
        case .normal: return quorum.normal
        case .emergency: return quorum.emergency
        case .noGoEmergency: return quorum.noGoEmergency
        case .standardTemplate: return 0
        }
    }

    /// Where the change stands on `records`, which must be those that counted (``ApprovalJudge``):
    /// who holds the emergency authority is read from the members file, never from a record.
    ///
    /// Approvers are counted by `identity` (member id → the keyid of their registered key), so one
    /// key entered under two member ids is one approver.
    public static func status(
        records: [ApprovalRecord], result: RehearsalResult, board: BoardConfiguration,
        matchesTemplate: Bool, identity: [String: String] = [:]
    ) -> ApprovalStatus {
        let kind = kind(of: result, matchesTemplate: matchesTemplate)
        let needed = needed(kind, quorum: board.quorum)
        if let rejection = records.first(where: { $0.decision == .reject }) {
            return ApprovalStatus(
                records: records, state: .rejected, approvalsNeeded: needed,
                summary: "rejected by \(rejection.approver): \(rejection.comment ?? "no comment")")
        }
        if kind == .standardTemplate {
            return ApprovalStatus(
                records: records, state: .preApproved, approvalsNeeded: 0,
                summary: "standard change matching its pre-approved template: no board decision needed")
        }
        var approvers: [String: ApprovalRecord] = [:]
        for record in records where record.decision.approves && (kind != .noGoEmergency || record.emergency != nil) {
            let person = identity[record.approver] ?? record.approver
            approvers[person] = approvers[person] ?? record
        }
        let needsAuthority = kind == .emergency || kind == .noGoEmergency
        let hasAuthority = approvers.values.contains { board.member($0.approver)?.roles.contains(.emergencyAuthority) == true }
        if approvers.count >= needed && (!needsAuthority || hasAuthority) {
            return ApprovalStatus(
                records: records, state: .approved, approvalsNeeded: needed,
                summary: "approved by \(approvers.values.map(\.approver).sorted().joined(separator: ", "))")
        }
        var missing = ["\(max(0, needed - approvers.count)) more approval(s) of \(needed)"]
        if needsAuthority && !hasAuthority { missing.append("one from the emergency authority") }
        let deferred = records.contains { $0.decision == .defer } && approvers.isEmpty
        return ApprovalStatus(
            records: records, state: deferred ? .deferred : .pending, approvalsNeeded: needed,
            summary: (deferred ? "deferred; " : "awaiting decision: ") + "needs " + missing.joined(separator: " and ")
                + (kind == .noGoEmergency ? " (NO-GO: emergency approvals only)" : ""))
    }
}
