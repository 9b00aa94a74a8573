import Foundation

/// The one JSON style of packet files PatchLab writes itself (`rehearsal.json`, `manifest.json`,
/// fingerprints): sorted keys, indented, times as ISO 8601 in UTC, so the same packet is the same bytes.
enum PacketJSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        }
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
                    ?? (try? Date(text, strategy: Date.ISO8601FormatStyle())) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected an ISO 8601 time, found '\(text)'")
            }
            return date
        }
        return decoder
    }()
}
