import Foundation

/// The one way PatchLab's own JSON files (image records, lab state, production captures) write and
/// read times: ISO 8601 with fractional seconds, so a value reads back equal to what was written.
public enum JSONDates {
    /// Sorted keys and indentation, times as above.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .custom(ISO8601Dates.encode)
        return encoder
    }

    /// Reads times as ``ISO8601Dates`` does, with or without fractional seconds.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom(ISO8601Dates.decode)
        return decoder
    }
}
