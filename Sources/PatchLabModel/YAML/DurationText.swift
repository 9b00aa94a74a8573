/// Durations as plans write them: `500ms`, `30s`, `2m`, `1h`, combinations such as `1m30s`, or a plain
/// number of seconds (`30`, `0.5`).
public enum DurationText {
    private static let units: [(suffix: String, milliseconds: Double)] = [
        ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000),
    ]

    /// What messages say a duration should look like.
    public static let shape = "a duration such as 500ms, 30s, 2m, 1h or a number of seconds"

    /// The duration, or nil when the text is not one (or is negative, or absurdly long).
    public static func parse(_ text: String) -> Duration? {
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty else { return nil }
        if let seconds = plainNumber(trimmed) {
            return milliseconds(seconds * 1000)
        }
        var total = 0.0
        var rest = Substring(trimmed)
        while !rest.isEmpty {
            let numberEnd = rest.firstIndex { !($0.isASCII && ($0.isNumber || $0 == ".")) } ?? rest.endIndex
            guard let number = plainNumber(rest[..<numberEnd]) else { return nil }
            rest = rest[numberEnd...]
            // "ms" before "m" and "s", so the longest suffix wins.
            guard
                let unit = units.sorted(by: { $0.suffix.count > $1.suffix.count })
                    .first(where: { rest.hasPrefix($0.suffix) })
            else { return nil }
            total += number * unit.milliseconds
            rest = rest.dropFirst(unit.suffix.count)
        }
        return milliseconds(total)
    }

    /// The shortest exact text for a duration: `500ms`, `30s`, `2m`, `1h30m`, `1.5s`.
    public static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let totalMilliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        if totalMilliseconds == 0 { return "0s" }
        if totalMilliseconds % 1000 != 0 {
            return totalMilliseconds < 1000 ? "\(totalMilliseconds)ms" : "\(Double(totalMilliseconds) / 1000)s"
        }
        var remaining = totalMilliseconds / 1000
        var text = ""
        for (suffix, size) in [("h", Int64(3600)), ("m", 60), ("s", 1)] where remaining >= size {
            text += "\(remaining / size)\(suffix)"
            remaining %= size
        }
        return text
    }

    private static func plainNumber<S: StringProtocol>(_ text: S) -> Double? {
        guard !text.isEmpty, text.first != ".", text.last != ".",
            text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") })
        else { return nil }
        return Double(String(text))
    }

    /// Whole milliseconds: finer precision means nothing for guest commands under TCG.
    private static func milliseconds(_ value: Double) -> Duration? {
        // A week bounds any sane timeout and keeps the arithmetic far from overflow.
        guard value.isFinite, value >= 0, value <= 7 * 24 * 3_600_000 else { return nil }
        return .milliseconds(Int64(value.rounded()))
    }
}
