import Foundation

/// Just enough of GitHub-flavoured Markdown to check the reports' structure the way a renderer sees
/// it: fenced blocks, and table rows split on pipes that are not backslash-escaped.
enum MarkdownSupport {
    /// The cells of a table row, as GitHub splits it: a `|` after a backslash is text.
    static func cells(_ row: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var previous: Character?
        for character in row {
            if character == "|" && previous != "\\" {
                cells.append(current)
                current = ""
            } else {
                current.append(character)
            }
            previous = character
        }
        cells.append(current)
        // The leading and trailing pipes give an empty first and last cell.
        return Array(cells.dropFirst().dropLast()).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// The rows of the table that starts with the header row `header`: every line after the
    /// delimiter row up to the first line that is not a row.
    static func table(after header: String, in text: String, occurrence: Int = 0) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let starts = lines.indices.filter { lines[$0] == header }
        guard occurrence < starts.count else { return [] }
        return Array(lines[(starts[occurrence] + 2)...].prefix { $0.hasPrefix("|") })
    }

    /// The fenced code blocks, in order: the opening fence's info string and the content, ended by
    /// a line of the same fence (CommonMark: at least as many backticks, nothing else).
    static func fencedBlocks(_ text: String) -> [(info: String, content: String)] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var blocks: [(String, String)] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let fence = line.prefix { $0 == "`" }
            guard fence.count >= 3 else { index += 1; continue }
            let info = String(line.dropFirst(fence.count))
            var content: [String] = []
            index += 1
            while index < lines.count, !(lines[index].allSatisfy { $0 == "`" } && lines[index].count >= fence.count) {
                content.append(lines[index])
                index += 1
            }
            blocks.append((info, content.joined(separator: "\n")))
            index += 1
        }
        return blocks
    }
}
