/// A digest list in the format `sha256sum` writes and `sha256sum -c` reads: one `DIGEST  NAME` line
/// per file (`DIGEST *NAME` in binary mode), names relative to the list's own folder.
///
/// A name holding a backslash or a newline is written escaped, the line then starting with `\`.
struct SHA256Sums {
    struct Entry {
        var sha256: String
        var location: SourceLocation
    }

    /// By absolute path.
    var entries: [String: Entry] = [:]

    /// Reads `text`, reporting each malformed line (and a name listed twice with different digests)
    /// at its own line of `shownFile`; `folder` is the absolute folder names are relative to.
    static func parse(_ text: String, shownFile: String, folder: String, report: (Diagnostic) -> Void) -> SHA256Sums {
        var sums = SHA256Sums()
        // "\r\n" is one Character in Swift, so it is a separator of its own.
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .enumerated()
        {
            if line.trimmingSpaces().isEmpty { continue }
            let location = SourceLocation(file: shownFile, line: index + 1, column: 1)
            guard let (digest, name) = split(line) else {
                let shown = line.count > 60 ? line.prefix(57) + "..." : line
                report(
                    .error(
                        "malformed line '\(shown)' in sha256 file; expected 'DIGEST  NAME' as sha256sum "
                            + "writes it (64 hexadecimal digits, two spaces, a file name)", at: location))
                continue
            }
            let path = PlanPaths.normalize(name.hasPrefix("/") ? name : folder + "/" + name)
            if let earlier = sums.entries[path] {
                if earlier.sha256 != digest {
                    report(
                        .error(
                            "'\(name)' is listed again with a different digest (first at line "
                                + "\(earlier.location.line)); expected one digest per file", at: location))
                }
                continue
            }
            sums.entries[path] = Entry(sha256: digest, location: location)
        }
        return sums
    }

    /// The lowercased digest and the unescaped name, or nil for a malformed line.
    private static func split(_ line: Substring) -> (String, String)? {
        var rest = line
        let escaped = rest.first == "\\"
        if escaped { rest = rest.dropFirst() }
        let digest = rest.prefix(64)
        rest = rest.dropFirst(64)
        let mode = rest.dropFirst().first
        guard ChangeNameRules.isValidSHA256(String(digest)), rest.first == " ", mode == " " || mode == "*" else {
            return nil
        }
        let name = String(rest.dropFirst(2))
        guard !name.isEmpty else { return nil }
        guard escaped else { return (digest.lowercased(), name) }
        guard let unescaped = unescape(name) else { return nil }
        return (digest.lowercased(), unescaped)
    }

    /// sha256sum's escapes: `\\` and `\n` (and `\r` in newer coreutils).
    static func unescape(_ text: String) -> String? {
        var result = ""
        var iterator = text.makeIterator()
        while let character = iterator.next() {
            guard character == "\\" else { result.append(character); continue }
            switch iterator.next() {
            case "\\": result.append("\\")
            case "n": result.append("\n")
            case "r": result.append("\r")
            default: return nil
            }
        }
        return result
    }
}
