import Foundation

/// Building blocks of hostile YAML, shared by the targeted tests and the corpus.
enum HostileText {
    /// "Billion laughs": `levels` anchors, each a list of `width` aliases of the one before, as block
    /// mapping entries indented by `indent` under a key of the caller's. The last anchor is `a<levels-1>`
    /// and stands for width^levels values.
    static func laughs(levels: Int = 10, width: Int = 10, indent: String = "  ") -> String {
        var lines = [indent + "a0: &a0 [" + Array(repeating: "lol", count: width).joined(separator: ", ") + "]"]
        for level in 1..<levels {
            let aliases = Array(repeating: "*a\(level - 1)", count: width).joined(separator: ", ")
            lines.append(indent + "a\(level): &a\(level) [\(aliases)]")
        }
        return lines.joined(separator: "\n")
    }

    /// The same anchors in one flow mapping, to put where a value goes.
    static func flowLaughs(levels: Int = 10, width: Int = 10) -> String {
        var entries = ["a0: &a0 [" + Array(repeating: "lol", count: width).joined(separator: ", ") + "]"]
        for level in 1..<levels {
            entries.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: width).joined(separator: ", ") + "]")
        }
        return "{" + entries.joined(separator: ", ") + "}"
    }

    /// A double-quoted YAML scalar holding `text` (backslashes and quotes escaped; YAML escapes such as
    /// `\0` are written by the caller in `escapes`, appended as is).
    static func quoted(_ text: String, escapes: String = "") -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + escapes + "\""
    }

    /// The text with its line breaks made CR LF.
    static func crlf(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: "\r\n")
    }

    /// `line` (1-based) of the text with `insert` appended to it.
    static func appending(_ insert: String, toLine line: Int, of text: String) -> String {
        var lines = text.components(separatedBy: "\n")
        lines[line - 1] += insert
        return lines.joined(separator: "\n")
    }

    /// The text with `insert` as a new line after `line` (1-based).
    static func inserting(_ insert: String, afterLine line: Int, of text: String) -> String {
        var lines = text.components(separatedBy: "\n")
        lines.insert(insert, at: line)
        return lines.joined(separator: "\n")
    }

    /// Deterministic bytes (a linear congruential generator), so a failing garbage input can be rebuilt.
    static func garbage(seed: UInt64, count: Int, printable: Bool = false) -> Data {
        var state = seed &* 6364136223846793005 &+ 1442695040888963407
        var bytes = [UInt8]()
        bytes.reserveCapacity(count)
        for _ in 0..<count {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let byte = UInt8(truncatingIfNeeded: state >> 33)
            bytes.append(printable ? 0x20 + byte % 95 : byte)
        }
        return Data(bytes)
    }

    /// A FIFO at `path` (no writer ever opens it: reading it would block for ever).
    static func makeFIFO(_ path: String) throws {
        try? FileManager.default.removeItem(atPath: path)
        guard mkfifo(path, 0o600) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }
}
