/// The one place that turns untrusted text (guest output, and plan text for good measure) into
/// something each report format shows *as text*: every renderer goes through it, so no format can
/// forget a case.
///
/// Two stages. ``visible(_:)`` makes text safe to look at whatever the format: controls that would act
/// on a terminal or that XML 1.0 forbids become visible symbols (`ESC` → `␛`, NUL → `␀`), line ends
/// become `\n`. The format functions then escape what is special to their syntax; they call
/// ``visible(_:)`` themselves, so a caller never has to remember it.
public enum ReportText {
    // MARK: Any format

    /// The text with line ends normalized to `\n`, tabs kept, and every other character a terminal or
    /// an XML 1.0 parser would not treat as plain text shown visibly:
    /// - C0 controls and DEL as Unicode control pictures (`\u{1B}[31m` → `␛[31m`, NUL → `␀`), so a
    ///   reader sees that an escape code was printed, and the code does nothing;
    /// - C1 controls and the bidirectional overrides as `\u{9B}`-style text, because both can make
    ///   text read differently from what it is;
    /// - the noncharacters U+FFFE and U+FFFF (forbidden in XML) as U+FFFD.
    public static func visible(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar.value {
            case 0x0A where previousWasCR:
                continue  // the CR already gave the line end
            case 0x0D, 0x0A:
                result.append("\n")
            case 0x09:
                result.append(scalar)
            case 0x00...0x1F:
                result.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F:
                result.append("\u{2421}")
            case 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069:
                result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            case 0xFFFE, 0xFFFF:
                result.append("\u{FFFD}")
            default:
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// ``visible(_:)`` with the line ends folded into `separator`, for one-line places (attributes
    /// of a summary, table cells).
    public static func singleLine(_ text: String, separator: String = " ") -> String {
        visible(text).split(separator: "\n", omittingEmptySubsequences: false).joined(separator: separator)
    }

    // MARK: XML and HTML

    /// Element content for XML and HTML: `&`, `<`, `>` escaped (so `]]>` and `<script>` are text),
    /// quotes too so the same text is safe in either place.
    public static func xml(_ text: String) -> String {
        escapeMarkup(visible(text), inAttribute: false)
    }

    /// An attribute value (to go between double quotes): as ``xml(_:)``, with tabs and line ends
    /// as character references, because an XML parser would otherwise turn them into spaces.
    public static func xmlAttribute(_ text: String) -> String {
        escapeMarkup(visible(text), inAttribute: true)
    }

    private static func escapeMarkup(_ text: String, inAttribute: Bool) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            // `&apos;` is not HTML 4; the numeric reference works in XML and every HTML.
            case "'": result += "&#39;"
            case "\n" where inAttribute: result += "&#10;"
            case "\t" where inAttribute: result += "&#9;"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    // MARK: Markdown

    /// Characters that start Markdown (CommonMark and GitHub) inline syntax, raw HTML or GitHub's
    /// math; a backslash before any ASCII punctuation makes it literal. (`!` only starts an image
    /// before `[`, which is escaped.)
    private static let markdownSpecials: Set<Unicode.Scalar> = [
        "\\", "`", "*", "_", "[", "]", "<", ">", "|", "&", "~", "#", "$",
    ]

    /// Inline Markdown text (a sentence, a heading, a list item, a paragraph): Markdown syntax and
    /// raw HTML are backslash-escaped, and line ends become `<br>` so the text cannot start a new
    /// block. Leading blanks are dropped and a leading list marker (`- `, `1. `) or underline
    /// (`---`, `===`) escaped, so the text cannot turn its own line into a list, a code block or a
    /// heading either.
    public static func markdown(_ text: String) -> String {
        let scalars = Array(visible(text).unicodeScalars.drop { $0 == " " || $0 == "\t" })
        let markerIndex = blockMarkerIndex(scalars)
        var result = ""
        for (index, scalar) in scalars.enumerated() {
            if scalar == "\n" {
                result += "<br>"
                continue
            }
            if markdownSpecials.contains(scalar) || index == markerIndex { result += "\\" }
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    /// Where a character at the start of a line would make it a block: the `-`/`+` of a bullet or
    /// the `.`/`)` of a numbered item (each followed by a blank or the end), or the first `-`/`=`
    /// of a line made only of them. (`*`, `#`, `>` are escaped everywhere anyway.)
    private static func blockMarkerIndex(_ scalars: [Unicode.Scalar]) -> Int? {
        guard let first = scalars.first else { return nil }
        func endsItem(at index: Int) -> Bool {
            index == scalars.count || scalars[index] == " " || scalars[index] == "\t" || scalars[index] == "\n"
        }
        if (first == "-" || first == "+"), endsItem(at: 1) { return 0 }
        let line = scalars.prefix { $0 != "\n" }
        if first == "-" || first == "=", line.allSatisfy({ $0 == first || $0 == " " }) { return 0 }
        let digits = scalars.prefix { $0.isASCII && $0.properties.numericType == .decimal }.count
        if (1...9).contains(digits), digits < scalars.count, scalars[digits] == "." || scalars[digits] == ")",
            endsItem(at: digits + 1)
        {
            return digits
        }
        return nil
    }

    /// A Markdown table cell: ``markdown(_:)`` already escapes `|` and folds line ends, so one value
    /// can never add a column or end the row; an empty value shows as a dash.
    public static func markdownCell(_ text: String) -> String {
        text.isEmpty ? "–" : markdown(text)
    }

    /// Text as an inline code span, so it reads exactly as printed: the backtick fence is longer than
    /// any run of backticks inside and line ends show as `␤`. In a table cell `|` is escaped, because
    /// GitHub splits table rows on it even inside code (and removes the backslash again); elsewhere
    /// the backslash would show, so it is left alone. Empty text shows as *(empty)*.
    public static func markdownCode(_ text: String, inTable: Bool = false) -> String {
        var content = visible(text).replacingOccurrences(of: "\n", with: "\u{2424}")
        if inTable { content = content.replacingOccurrences(of: "|", with: "\\|") }
        guard !content.isEmpty else { return "*(empty)*" }
        let fence = String(repeating: "`", count: longestRun(of: "`", in: content) + 1)
        // Markdown strips one space inside each fence when both are there; adding them lets the text
        // start or end with a backtick or a space and still read exactly.
        let edges: Set<Character> = ["`", " "]
        let padding = edges.contains(content.first!) || edges.contains(content.last!) ? " " : ""
        return fence + padding + content + padding + fence
    }

    /// A fenced code block holding the text verbatim: the fence is longer than any backtick run in the
    /// text, so no output line can close it early. Ends with a line end.
    public static func markdownFence(_ text: String, info: String = "text") -> String {
        var content = visible(text)
        if content.hasSuffix("\n") { content.removeLast() }
        let fence = String(repeating: "`", count: max(3, longestRun(of: "`", in: content) + 1))
        return "\(fence)\(info)\n\(content)\n\(fence)\n"
    }

    private static func longestRun(of character: Character, in text: String) -> Int {
        var longest = 0, current = 0
        for each in text {
            current = each == character ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }
}
