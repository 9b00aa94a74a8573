import Foundation

/// Guest output made safe and short enough to print in a one-line "actual" value.
///
/// A guest may print anything: terminal escape codes, binary, megabytes. Reports and the terminal
/// show what it printed *as text*, so control characters are escaped and long output is cut.
public enum DisplayText {
    /// `"text"` with `\n`, `\t`, `\r`, `\"`, `\\` and other control characters (`\u{1B}`) escaped,
    /// cut after `limit` characters with a note of how many more there were.
    public static func quoted(_ text: String, limit: Int = 200) -> String {
        var result = "\""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == limit {
                let more = text.unicodeScalars.count - limit
                return result + "\"… (\(more) more characters)"
            }
            result += escaped(scalar)
            count += 1
        }
        return result + "\""
    }

    /// Output with surrounding whitespace removed, quoted; `empty` names output that had only whitespace.
    public static func output(_ text: String, limit: Int = 200) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? "empty" : quoted(trimmed, limit: limit)
    }

    /// `text` for a terminal line: line ends and tabs kept, every other control (escape sequences,
    /// bells, carriage returns that would overwrite the line) shown as `\u{1B}` instead of obeyed.
    /// For text a packet or a guest chose that PatchLab prints as it is otherwise.
    public static func terminal(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) && $0 != "\n" && $0 != "\t" }) else { return text }
        return text.unicodeScalars.map { isControl($0) && $0 != "\n" && $0 != "\t" ? escaped($0) : String($0) }.joined()
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    private static func escaped(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "\\n"
        case "\t": return "\\t"
        case "\r": return "\\r"
        case "\"": return "\\\""
        case "\\": return "\\\\"
        default:
            // C0, DEL and C1 controls would act on a terminal; escaping them shows them instead.
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                return "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
            return String(scalar)
        }
    }
}
