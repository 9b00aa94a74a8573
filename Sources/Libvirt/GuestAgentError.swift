/// Failures of the guest-agent side that are not libvirt errors: waits that ran out, replies that make no sense.
public enum GuestAgentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The agent did not answer within `seconds` of waiting.
    case notConnected(domain: String, seconds: Double)
    /// The domain stopped running while we waited for or talked to its agent.
    case domainNotRunning(domain: String, state: String)
    /// The agent answered something that does not match its schema.
    case badReply(command: String, reply: String)
    /// The guest refused a file operation (short write, or an exec that could not start).
    case guestRefused(command: String, detail: String)

    public var description: String {
        switch self {
        case let .notConnected(domain, seconds):
            "the guest agent of \(domain) did not answer within \(Int(seconds)) s"
        case let .domainNotRunning(domain, state):
            "\(domain) is not running (\(state))"
        case let .badReply(command, reply):
            "unexpected reply to \(command): \(reply.prefix(200))"
        case let .guestRefused(command, detail):
            "the guest refused \(command): \(detail)"
        }
    }
}
