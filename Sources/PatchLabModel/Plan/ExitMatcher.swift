/// What an `exit` matcher asks of a command's exit status: `exit: 0`, `exit: {in: [0, 3]}`,
/// `exit: {not: 1}`.
public enum ExitMatcher: Sendable, Hashable, Codable {
    case equals(Int)
    case oneOf([Int])
    case not(Int)

    public func matches(_ status: Int) -> Bool {
        switch self {
        case let .equals(expected): return status == expected
        case let .oneOf(allowed): return allowed.contains(status)
        case let .not(refused): return status != refused
        }
    }

    /// Completes "exit status …": "is 0", "is one of 0, 3", "is not 1".
    public var description: String {
        switch self {
        case let .equals(expected): return "is \(expected)"
        case let .oneOf(allowed): return "is one of \(allowed.map(String.init).joined(separator: ", "))"
        case let .not(refused): return "is not \(refused)"
        }
    }
}
