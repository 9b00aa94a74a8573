/// The one rule for characters in every string a PatchLab file holds (names, paths, URIs, kernel
/// command lines, commands, titles, keys…), and the single-line rule for values that are one line.
///
/// | character                                   | anywhere | single-line values |
/// | ------------------------------------------- | -------- | ------------------ |
/// | tab                                         | yes      | yes                |
/// | line feed                                   | yes      | no                 |
/// | other C0 controls (NUL, CR, ESC…), DEL      | no       | no                 |
/// | C1 controls (U+0080–U+009F, NEL among them) | no       | no                 |
/// | line and paragraph separators (U+2028/9)    | no       | no                 |
/// | bidi embeddings, overrides and isolates     | no       | no                 |
/// | byte order mark / zero-width no-break space | no       | no                 |
/// | noncharacters U+FFFE, U+FFFF                | no       | no                 |
///
/// Why: these characters either act on a terminal (ESC), cut a C string or a path short (NUL),
/// end a line where an editor sees none (CR, NEL, U+2028), or make text read differently from what
/// it is (bidi overrides, "Trojan Source"). A change board must read what will run.
/// YAML's double-quoted escapes (`"\0"`, `"\e"`, `"\u202E"`) are how they get into a file.
enum TextRules {
    /// What messages say is allowed.
    static let shape = "text without control characters (tabs and line breaks are fine)"

    /// The first character the rule refuses, or nil.
    static func forbiddenScalar(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first(where: isForbidden)
    }

    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x2028, 0x2029: return true
        case 0x202A...0x202E, 0x2066...0x2069: return true
        case 0xFEFF, 0xFFFE, 0xFFFF: return true
        default: return false
        }
    }

    /// `U+001B`, how a refused character is named (never printed as itself).
    static func name(of scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// The text with line feeds as `\\n` and every refused character named (`<U+001B>`): safe to print
    /// in a one-line message.
    static func printable(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                result += "\\n"
            } else if isForbidden(scalar) {
                result += "<" + name(of: scalar) + ">"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
