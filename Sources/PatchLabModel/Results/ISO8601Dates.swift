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

    public static func parse(_ text: String) -> Date? {
        (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
            ?? (try? Date(text, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true)))
            ?? (try? Date(text, strategy: Date.ISO8601FormatStyle()))
    }
}
