/// Quoting for the `/bin/sh` scripts of probes, so names and paths from a plan are always one word
/// and never run as code.
enum ShellQuoting {
    /// `'text'`, with each `'` written as `'\''` (the only character single quotes cannot hold).
    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Words joined for display, quoted only when needed, like a user would type them.
    static func commandLine(_ words: [String]) -> String {
        words.map { word in
            let plain =
                !word.isEmpty
                && word.unicodeScalars.allSatisfy {
                    ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                        || "-_./:=@%+,".unicodeScalars.contains($0)
                }
            return plain ? word : quote(word)
        }.joined(separator: " ")
    }
}
