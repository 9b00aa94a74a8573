/// What a `json` matcher asks of the value at its path.
public enum JSONValueMatcher: Sendable, Hashable, Codable {
    /// `equals:`: the same JSON value (numbers compare as numbers; YAML's `"200"` is a string, `200` a
    /// number, so quote in the plan what the command prints in quotes).
    case equals(JSONValue)
    /// `matches:`: a regex (see ``TextMatcher/matches(_:)``) matches the value's text: a string
    /// itself, anything else as compact JSON.
    case matches(String)

    public func matches(_ value: JSONValue) -> Bool {
        switch self {
        case let .equals(expected): return value == expected
        case let .matches(pattern): return TextMatcher.matches(pattern).matches(value.matchText)
        }
    }

    /// Completes "the JSON value at $.status …".
    public var description: String {
        switch self {
        case let .equals(expected): return "equals \(expected.jsonText)"
        case let .matches(pattern): return "matches /\(pattern)/"
        }
    }
}
