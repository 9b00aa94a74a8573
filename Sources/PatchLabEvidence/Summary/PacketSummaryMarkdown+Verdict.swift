/// Reading back the verdict a Markdown summary states, for `packet verify`.
extension PacketSummaryMarkdown {
    /// The verdict of the one `**Verdict: …**` line outside code blocks; nil when there is none or
    /// more than one. Guest output sits in fenced blocks (skipped here) and inline text has `*`
    /// escaped, so no output can forge the line.
    public static func statedVerdict(in markdown: String) -> String? {
        var statements: [String] = []
        var fence: (character: Character, count: Int)?
        for rawLine in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let indent = line.prefix { $0 == " " }.count
            let body = line.dropFirst(indent)
            if let open = fence {
                // CommonMark: a closing fence is at least as long as the opening one, with nothing after it.
                let run = body.prefix { $0 == open.character }.count
                if indent < 4, run >= open.count, body.dropFirst(run).allSatisfy({ $0 == " " || $0 == "\t" }) { fence = nil }
                continue
            }
            if indent < 4, let first = body.first, first == "`" || first == "~" {
                let run = body.prefix { $0 == first }.count
                if run >= 3 {
                    fence = (first, run)
                    continue
                }
            }
            guard indent < 4, body.hasPrefix("**Verdict: "), body.hasSuffix("**") else { continue }
            statements.append(String(body.dropFirst("**Verdict: ".count).dropLast(2)))
        }
        guard statements.count == 1 else { return nil }
        return statements[0]
    }
}
