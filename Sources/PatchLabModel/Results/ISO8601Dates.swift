import Foundation

/// How PatchLab reads the times in the JSON it wrote (results, packets, run records, lab state):
/// ISO 8601, with fractional seconds as written, or without them as a hand-made file may have it.
/// One reader for every such file, so they all accept the same times.
public enum ISO8601Dates {
    /// For `JSONDecoder.dateDecodingStrategy = .custom(ISO8601Dates.decode)`.
    public static func decode(_ decoder: any Decoder) throws -> Date {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = parse(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected an ISO 8601 time, found '\(text)'")
        }
        return date
    }

    /// A time as PatchLab writes it: ISO 8601 in UTC with milliseconds, rounded to the nearest one.
    /// Foundation's formatter truncates, and the Double under a Date read back from ".005" may sit
    /// just below it: of the 1,000 millisecond values of one second, 496 read back as another Date
    /// and 104 formatted again as the millisecond before (measured here). A file written from a
    /// value read back then said another time than the file it was read from — a real packet's
    /// `fidelity.json` disagreed with its `rehearsal.json` that way. Rounding first and formatting
    /// half a millisecond later makes `format(parse(format(x))) == format(x)` for every x
    /// (`ISO8601DatesTests`).
    public static func format(_ date: Date) -> String {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        return Date(timeIntervalSince1970: milliseconds / 1000 + 0.0005).formatted(style)
    }

    /// For `JSONEncoder.dateEncodingStrategy = .custom(ISO8601Dates.encode)`.
    @Sendable public static func encode(_ date: Date, _ encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(format(date))
    }

    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    public static func parse(_ text: String) -> Date? {
        (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
            ?? (try? Date(text, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true)))
            ?? (try? Date(text, strategy: Date.ISO8601FormatStyle()))
    }
}
