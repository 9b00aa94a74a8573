import Crypto
import Foundation

/// sha256 of files read in fixed chunks, so a packet of gigabytes of logs is hashed (and copied)
/// in bounded memory.
public enum StreamingDigest {
    static let chunkSize = 1 << 20

    /// The file's sha256 (lower-case hex) and size.
    public static func sha256(ofFile path: String) throws -> (sha256: String, size: Int64) {
        try hash(path) { _ in }
    }

    /// Copies `source` to `target` (created, or replaced) and hashes the bytes on the way, in one pass.
    public static func copy(_ source: String, to target: String) throws -> (sha256: String, size: Int64) {
        guard FileManager.default.createFile(atPath: target, contents: nil),
            let output = FileHandle(forWritingAtPath: target)
        else { throw PacketError.unwritable(target) }
        defer { try? output.close() }
        return try hash(source) { try output.write(contentsOf: $0) }
    }

    /// Reads `path` chunk by chunk, hashing each and handing it to `each`.
    private static func hash(_ path: String, each: (Data) throws -> Void) throws -> (sha256: String, size: Int64) {
        guard let input = FileHandle(forReadingAtPath: path) else { throw PacketError.unreadable(path) }
        defer { try? input.close() }
        var hasher = SHA256()
        var size: Int64 = 0
        while let chunk = try input.read(upToCount: chunkSize), !chunk.isEmpty {
            hasher.update(data: chunk)
            try each(chunk)
            size += Int64(chunk.count)
        }
        return (hex(hasher.finalize()), size)
    }

    public static func sha256(of data: Data) -> String { hex(SHA256.hash(data: data)) }

    static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
