import Foundation
import PatchLabModel

/// The one JSON style of packet files PatchLab writes itself (`rehearsal.json`, `manifest.json`,
/// fingerprints): sorted keys, indented, times as ISO 8601 in UTC, so the same packet is the same bytes.
enum PacketJSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom(ISO8601Dates.encode)
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom(ISO8601Dates.decode)
        return decoder
    }()
}
