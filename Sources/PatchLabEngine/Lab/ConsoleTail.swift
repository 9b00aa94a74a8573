import Foundation
import PatchLabModel

/// A failed boot's console log, kept and quoted. `lab up` removes what a failed attempt created,
/// console logs included, so the log an error points at must first be copied out of its way
/// (`consoles/kept/DOMAIN.log`), and its last lines go into the error itself: they usually say why
/// (a kernel panic, a missing root device, the agent's unit failing).
struct ConsoleTail: Sendable {
    /// Where the copy was kept; nil when there was no log to keep.
    var kept: String?
    /// The last lines, control characters made visible; empty when the guest printed nothing.
    var lines: [String]

    static let lineCount = 20
    /// Only the end of the file is read: a console can hold megabytes of boot noise.
    static let readBytes = 64 << 10

    /// Keeps a copy of `console` under `consolesDirectory/kept/` and reads its last lines.
    static func keep(_ console: String, domain: String, consolesDirectory: String) -> ConsoleTail {
        guard let handle = FileHandle(forReadingAtPath: console) else { return ConsoleTail(kept: nil, lines: []) }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: size > UInt64(readBytes) ? size - UInt64(readBytes) : 0)
        let data = (try? handle.readToEnd()) ?? Data()
        let folder = "\(consolesDirectory)/kept"
        let target = "\(folder)/\(domain).log"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(atPath: target)
        let kept = (try? FileManager.default.copyItem(atPath: console, toPath: target)) != nil ? target : nil
        let text = String(decoding: data, as: UTF8.self)
        let lines = text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .suffix(lineCount).map { line -> String in
                let shown = DisplayText.quoted(String(line), limit: 300)
                return String(shown.dropFirst().dropLast(shown.hasSuffix("\"") ? 1 : 0))
            }
        return ConsoleTail(kept: kept, lines: lines)
    }

    /// "last lines of the console (kept at …):\n  …", or a sentence saying there was nothing.
    var text: String {
        let place = kept.map { "kept at \($0)" } ?? "not kept"
        guard !lines.isEmpty else { return "the console printed nothing (log \(place))" }
        return "last \(lines.count) lines of the console (log \(place)):\n" + lines.map { "  | " + $0 }.joined(separator: "\n")
    }
}
