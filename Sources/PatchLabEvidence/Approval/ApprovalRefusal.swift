/// Why the desk would not record a decision. Nothing was written.
public struct ApprovalRefusal: Error, CustomStringConvertible, Equatable {
    public enum Rule: String, Sendable {
        case noSuchPacket = "no-such-packet"
        case packetNotVerified = "packet-not-verified"
        case unknownMember = "unknown-member"
        case notAllowed = "not-allowed"
        case wrongKey = "wrong-key"
        case separationOfDuties = "separation-of-duties"
        case noGoNeedsEmergency = "no-go-needs-emergency"
        case alreadyDecided = "already-decided"
        case alreadyRejected = "already-rejected"
        case missingText = "missing-text"
        /// A signed record that is not about this packet, or not a record at all.
        case notThisPacket = "not-this-packet"
    }

    public var rule: Rule
    public var message: String

    public init(_ rule: Rule, _ message: String) {
        self.rule = rule
        self.message = message
    }

    /// The desk's refusal for a record the judge would not count.
    init(_ breach: ApprovalBreach) {
        let rule: Rule =
            switch breach.rule {
            case .wellFormed, .subject: .notThisPacket
            case .member: .unknownMember
            case .signature: .wrongKey
            case .role: .notAllowed
            case .separationOfDuties: .separationOfDuties
            case .noGoNeedsEmergency: .noGoNeedsEmergency
            case .missingText: .missingText
            case .oneDecisionPerMember: .alreadyDecided
            case .afterRejection: .alreadyRejected
            }
        self.init(rule, breach.message)
    }

    public var description: String { "refused (\(rule.rawValue)): \(message)" }
}
