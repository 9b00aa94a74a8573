extension StringProtocol {
    /// Without leading and trailing spaces and tabs (not newlines: a YAML scalar has none that matter).
    func trimmingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
