import Foundation

/// A packet's approval records judged against a members file: each record with the rules it breaks,
/// and where the change stands with the board on the records that count.
public struct ApprovalJudgement: Sendable {
    /// Every record file, in the order judged (by decision time, then file name).
    public var records: [JudgedApproval]
    /// Where the change stands; nil for a packet the board does not decide on (a plan run's).
    public var status: ApprovalStatus?
    /// The members file judged against, and the sha256 of the text it was read from.
    public var membersFile: String
    public var membersFileSHA256: String
    /// What is wrong with the packet itself under this members file (signed with a member's approval key).
    public var packetProblems: [String] = []

    public var counted: [ApprovalRecord] { records.filter(\.counts).compactMap(\.record) }
    public var problems: [String] { packetProblems + records.compactMap(\.problem) }
}
