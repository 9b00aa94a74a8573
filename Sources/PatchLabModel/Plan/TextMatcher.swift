import Foundation

/// What a text matcher (`stdout`, `stderr`, an HTTP `body`) asks of some output.
///
/// Commands end their output with a newline and tools pad it, so `equals` and `empty` compare the
/// text with surrounding whitespace removed; `contains`, `not_contains` and `matches` look at the
/// text as printed.
public enum TextMatcher: Sendable, Hashable, Codable {
    /// `equals:` (or a plain string): the whole output, trimmed, is exactly this.
    case equals(String)
    /// `contains:`: the text appears somewhere.
    case contains(String)
    /// `matches:`: the regular expression (Swift `Regex` syntax, like PCRE) matches somewhere in the
    /// output; `^` and `$` match at the start and end of every line, because output is line-based.
    case matches(String)
    /// `not_contains:`: the text appears nowhere.
    case notContains(String)
    /// `empty: true` (nothing but whitespace) or `empty: false` (something else).
    case empty(Bool)

    /// The plan keys, in the order messages list them.
    static let keys = ["equals", "contains", "matches", "not_contains", "empty"]

    public func matches(_ text: String) -> Bool {
        switch self {
        case let .equals(expected):
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
                == expected.trimmingCharacters(in: .whitespacesAndNewlines)
        case let .contains(needle):
            return text.contains(needle)
        case let .matches(pattern):
            // Validated when the plan was read, so a failure here cannot happen for a loaded plan;
            // a matcher built in code with a bad pattern matches nothing.
            guard let regex = Self.compile(pattern) else { return false }
            return text.contains(regex)
        case let .notContains(needle):
            return !text.contains(needle)
        case let .empty(expected):
            return text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == expected
        }
    }

    /// Completes "stdout …": `equals "active"`, `matches /^ok$/`, `is empty`.
    public var description: String {
        switch self {
        case let .equals(text): return "equals \(DisplayText.quoted(text))"
        case let .contains(text): return "contains \(DisplayText.quoted(text))"
        case let .matches(pattern): return "matches /\(pattern)/"
        case let .notContains(text): return "does not contain \(DisplayText.quoted(text))"
        case let .empty(expected): return expected ? "is empty" : "is not empty"
        }
    }

    /// Longest pattern a plan may give. Compiling a `Regex` costs about its length squared in time
    /// and more in memory (measured, -O build: 4 KiB 26 ms; 64 KiB 0.3 s and 30 MB; 1 MiB 4.4 s and
    /// 500 MB); no output check needs more than a line or two.
    public static let maximumPatternLength = 4096

    /// Why `pattern` is not a valid regular expression, or nil when it is.
    public static func regexProblem(_ pattern: String) -> String? {
        let length = pattern.unicodeScalars.count
        if length > maximumPatternLength {
            return "it is too long (\(length) characters); expected at most \(maximumPatternLength)"
        }
        do {
            _ = try Regex(pattern)
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// The regex as matchers use it. `Regex` is not `Sendable`, so it is built where it is used.
    static func compile(_ pattern: String) -> Regex<AnyRegexOutput>? {
        (try? Regex(pattern))?.anchorsMatchLineEndings()
    }
}
