import Crypto
import Foundation

/// sha256 of files read in fixed chunks, so a packet of gigabytes of logs is hashed (and copied)
/// in bounded memory.
public enum StreamingDigest {
    static let chunkSize = 1 << 20

    /// The file's sha256 (lower-case hex) and size.
    public static func sha256(ofFile path: String) throws -> (sha256: String, size: Int64) {
        guard let input = FileHandle(forReadingAtPath: path) else { throw PacketError.unreadable(path) }
        defer { try? input.close() }
        var hasher = SHA256()
        var size: Int64 = 0
        while true {
            let chunk = try readChunk(input)
            if chunk.isEmpty { break }
            hasher.update(data: chunk)
            size += Int64(chunk.count)
        }
        return (hex(hasher.finalize()), size)
    }

    /// Copies `source` to `target` (created, or replaced) and hashes the bytes on the way, in one pass.
    public static func copy(_ source: String, to target: String) throws -> (sha256: String, size: Int64) {
        guard let input = FileHandle(forReadingAtPath: source) else { throw PacketError.unreadable(source) }
        defer { try? input.close() }
        guard FileManager.default.createFile(atPath: target, contents: nil),
              let output = FileHandle(forWritingAtPath: target) else { throw PacketError.unwritable(target) }
        defer { try? output.close() }
        var hasher = SHA256()
        var size: Int64 = 0
        while true {
            let chunk = try readChunk(input)
            if chunk.isEmpty { break }
            hasher.update(data: chunk)
            try output.write(contentsOf: chunk)
            size += Int64(chunk.count)
        }
        return (hex(hasher.finalize()), size)
    }

    public static func sha256(of data: Data) -> String { hex(SHA256.hash(data: data)) }

    static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }

    private static func readChunk(_ handle: FileHandle) throws -> Data {
        try handle.read(upToCount: chunkSize) ?? Data()
    }
}
