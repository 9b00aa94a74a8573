import Foundation

/// Tells whether a text says something of the server that only its operator should read: a path on
/// its disks (`/var/lib/patchlab/…`), a system error's text (`No such file or directory`, any of the
/// C library's `strerror` texts), or the dump of a Swift or Foundation error (`Error Domain=…`,
/// `dataCorrupted(Swift.DecodingError.Context(…))`). Such text goes to the log, never into an answer
/// (``FailureLog``).
enum PublicText {
    /// A `/` that starts a word and is followed by a name: an absolute path. `a/b` (packet-relative),
    /// `http://` and a lone ` / ` are not.
    static let absolutePath = #"(^|[\s"'(\[{=:,;<>])/[A-Za-z0-9._~-]"#

    /// Every errno text of this system's C library, and the marks of Foundation's and Swift's own
    /// error descriptions.
    static let systemMarks: [String] = {
        let errnoTexts = (1..<256).map { String(cString: strerror(Int32($0))) }.filter { !$0.hasPrefix("Unknown error") }
        return errnoTexts + [
            "Error Domain=", "NSCocoaErrorDomain", "NSPOSIXErrorDomain", "NSFilePath", "NSUnderlyingError",
            "couldn’t be", "couldn't be", "could not be completed", "DecodingError", "EncodingError",
            "codingPath", "CodingKeys", "underlyingError", "Optional(", "Swift.", "Foundation.", "errno",
        ]
    }()

    static func leaks(_ text: String) -> Bool {
        text.range(of: absolutePath, options: .regularExpression) != nil || systemMarks.contains { text.contains($0) }
    }

    /// The text without the absolute paths the approval desk notes in parentheses ("is not alice's
    /// registered key (/srv/board/keys/alice.pub)"): the reason stays, the server's layout goes.
    static func withoutPathNotes(_ text: String) -> String {
        text.replacingOccurrences(of: #" ?\(/[^()]*\)"#, with: "", options: .regularExpression)
    }

    /// A path inside a packet as the verifier names its files (`logs/patch/web-01/stdout`).
    static func isPacketPath(_ text: String) -> Bool {
        text.range(of: #"^[A-Za-z0-9_-][A-Za-z0-9._/-]{0,255}$"#, options: .regularExpression) != nil && !text.contains("..")
    }
}
