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
    }

    public var rule: Rule
    public var message: String

    public init(_ rule: Rule, _ message: String) {
        self.rule = rule
        self.message = message
    }

    public var description: String { "refused (\(rule.rawValue)): \(message)" }
}
