/// Finds the number a command printed, for the `number` matcher: `df` prints ` 42%`, `nproc` prints
/// `2`, a health check prints `load: 0.75`.
public enum NumberScanner {
    /// The first decimal number in `text` (`-3`, `42`, `0.75`), or nil. A `-` counts as a sign only
    /// at the start or after a character that is not a letter or digit, so `web-01` reads as 1
    /// rather than -1.
    public static func firstNumber(in text: String) -> Double? {
        let characters = Array(text.unicodeScalars)
        func isDigit(_ index: Int) -> Bool {
            index < characters.count && ("0"..."9").contains(characters[index])
        }
        var index = 0
        while index < characters.count {
            guard isDigit(index) else { index += 1; continue }
            var start = index
            if start > 0, characters[start - 1] == "-" {
                let before = start >= 2 ? characters[start - 2] : nil
                if before.map({ !($0.properties.isAlphabetic || ("0"..."9").contains($0)) }) ?? true {
                    start -= 1
                }
            }
            var end = index
            while isDigit(end) { end += 1 }
            if end < characters.count, characters[end] == ".", isDigit(end + 1) {
                end += 1
                while isDigit(end) { end += 1 }
            }
            var number = String.UnicodeScalarView()
            number.append(contentsOf: characters[start..<end])
            return Double(String(number))
        }
        return nil
    }
}
