import Foundation
import PatchLabModel

/// Reads and atomically writes the small JSON files PatchLab keeps (image records, lab state).
enum JSONFiles {
    static let encoder = JSONDates.encoder()

    // Fractional seconds are kept so a stored result reads back equal to what was recorded.
    static let decoder = JSONDates.decoder()

    static func read<T: Decodable>(_ type: T.Type, from path: String) throws -> T {
        try decoder.decode(type, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Writes to a temporary file and renames it over the target, so a crash never leaves half a file.
    static func write<T: Encodable>(_ value: T, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try encoder.encode(value).write(to: url, options: .atomic)
    }
}
