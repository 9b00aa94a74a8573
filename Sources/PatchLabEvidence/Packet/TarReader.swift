import Foundation

/// Reads a packet archive's tar stream entry by entry, as GNU tar (and Python's tarfile) write it:
/// 512-byte headers, GNU long names (`L`) and pax headers (`x`) for paths over 100 bytes. Only
/// regular files and folders come out; every other entry type is refused by name, and so is a
/// stream that is cut short, has a bad header, or holds anything but zeros after its end.
///
/// | type | what | here |
/// | --- | --- | --- |
/// | `0`, NUL | regular file | an ``Entry`` |
/// | `5` | folder | an ``Entry`` |
/// | `L` | GNU long name of the next entry | read, applied |
/// | `x` | pax header of the next entry | `path`, `size` applied; sparse refused |
/// | `1` `2` | hard link, symbolic link | refused |
/// | `3` `4` `6` | character device, block device, FIFO | refused |
/// | `K` `S` `V` `M` `D` `N` `7` `g`, any other | long link name, sparse, volume, multi-volume, dumpdir, old long names, contiguous, global pax | refused |
final class TarReader {
    struct Entry {
        enum Kind { case file, directory }
        var name: [UInt8]
        var kind: Kind
        var size: Int64

        var displayName: String { String(decoding: name, as: UTF8.self) }
    }

    private let stream: GunzipStream
    private let archive: String
    private let limits: PacketArchive.Limits
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    private var start = 0, end = 0
    /// Bytes of the tar stream consumed so far, for naming where a bad block is.
    private var offset: Int64 = 0
    private var headers = 0

    init(stream: GunzipStream, archive: String, limits: PacketArchive.Limits) {
        self.stream = stream
        self.archive = archive
        self.limits = limits
    }

    deinit { buffer.deallocate() }

    /// The next file or folder; nil once the end-of-archive blocks and the zero padding after them
    /// were read to the end of the stream.
    func next() throws -> Entry? {
        var longName: [UInt8]?
        var pax: PaxHeader?
        while true {
            let at = offset
            guard let block = try block() else {
                throw refusal(.truncated, "the archive ends without its end-of-archive blocks (at byte \(at))")
            }
            if TarHeader.isZero(block) {
                guard longName == nil, pax == nil else {
                    throw refusal(.badHeader, "a long-name or pax header is followed by the end of the archive (at byte \(at))")
                }
                try readEnd()
                return nil
            }
            headers += 1
            guard headers <= limits.maxEntries else {
                throw refusal(.tooManyEntries, "more than \(limits.maxEntries) entries")
            }
            let header: TarHeader
            do { header = try TarHeader(block) } catch {
                throw refusal(.badHeader, "the header at byte \(at) is not valid: \(error.reason)")
            }
            let name = pax?.path ?? longName ?? header.name
            let size = pax?.size ?? header.size
            let display = String(decoding: name, as: UTF8.self)
            func refuse(_ rule: ArchiveRefusal.Rule, _ message: String) -> ArchiveRefusal {
                refusal(rule, entry: display, message + "; a packet archive holds only regular files and folders")
            }
            let target = String(decoding: pax?.linkPath ?? header.linkName, as: UTF8.self)
            switch UnicodeScalar(header.type) {
            case "L":
                guard longName == nil else { throw refusal(.badHeader, "two long-name headers in a row (at byte \(at))") }
                guard header.size <= PacketArchive.Limits.maxPathBytes + 1 else {
                    throw refusal(
                        .nameTooLong, "a long name of \(header.size) bytes (at byte \(at)); at most \(PacketArchive.Limits.maxPathBytes)")
                }
                var data = try content(header.size, of: "a long name")
                while data.last == 0 { data.removeLast() }
                guard !data.contains(0) else { throw refusal(.badName, "a long name holding a NUL byte (at byte \(at))") }
                longName = data
            case "x":
                guard pax == nil else { throw refusal(.badHeader, "two pax headers in a row (at byte \(at))") }
                guard header.size <= PacketArchive.Limits.maxPaxHeaderBytes else {
                    throw refusal(
                        .badHeader,
                        "a pax header of \(header.size) bytes (at byte \(at)); at most \(PacketArchive.Limits.maxPaxHeaderBytes)")
                }
                do { pax = try PaxHeader(try content(header.size, of: "a pax header")) } catch let error as PaxHeader.Invalid {
                    throw refusal(.badHeader, "at byte \(at): \(error.reason)")
                }
                if pax?.isSparse == true, let path = pax?.path {
                    throw refusal(
                        .unsupportedType, entry: String(decoding: path, as: UTF8.self),
                        "a sparse file; a packet archive holds only regular files and folders")
                }
            case "0", "\0":
                return Entry(name: name, kind: .file, size: size)
            case "5":
                guard size == 0 else { throw refusal(.badHeader, entry: display, "a folder with \(size) bytes of content") }
                return Entry(name: name, kind: .directory, size: 0)
            case "1": throw refuse(.hardLink, "a hard link to '\(target)'")
            case "2": throw refuse(.symbolicLink, "a symbolic link to '\(target)'")
            case "3": throw refuse(.device, "a character device")
            case "4": throw refuse(.device, "a block device")
            case "6": throw refuse(.fifo, "a FIFO")
            default:
                let kinds: [UInt8: String] = [
                    UInt8(ascii: "K"): "a long link name", UInt8(ascii: "S"): "a sparse file",
                    UInt8(ascii: "V"): "a volume label", UInt8(ascii: "M"): "a multi-volume continuation",
                    UInt8(ascii: "D"): "a GNU dump folder", UInt8(ascii: "N"): "an old GNU long name",
                    UInt8(ascii: "7"): "a contiguous file", UInt8(ascii: "g"): "a global pax header",
                ]
                throw refuse(.unsupportedType, kinds[header.type] ?? "an entry of unknown type \(TarHeader.printable([header.type]))")
            }
        }
    }

    /// Hands `entry`'s content to `body` in chunks (exactly its size), then skips its padding.
    func copyContent(of entry: Entry, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard try consume(entry.size, body) else {
            throw refusal(.truncated, entry: entry.displayName, "the archive ends inside its content (\(entry.size) bytes)")
        }
        guard try consume(Self.padding(entry.size), { _ in }) else {
            throw refusal(.truncated, entry: entry.displayName, "the archive ends inside the padding after its content")
        }
    }

    func refusal(_ rule: ArchiveRefusal.Rule, entry: String? = nil, _ message: String) -> ArchiveRefusal {
        ArchiveRefusal(rule, archive: archive, entry: entry, message)
    }

    private static func padding(_ size: Int64) -> Int64 {
        (Int64(TarHeader.blockSize) - size % Int64(TarHeader.blockSize)) % Int64(TarHeader.blockSize)
    }

    /// After the first zero block: a second one, then nothing but zeros to the end of the stream.
    private func readEnd() throws {
        guard let second = try block() else {
            throw refusal(.truncated, "the archive ends after one end-of-archive block of two")
        }
        guard TarHeader.isZero(second) else {
            throw refusal(.trailingData, "a lone zero block before more headers (at byte \(offset - Int64(TarHeader.blockSize)))")
        }
        var padding: Int64 = 0
        while try fill() {
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[start..<end])
            if let index = chunk.firstIndex(where: { $0 != 0 }) {
                throw refusal(.trailingData, "data after the end-of-archive blocks (at byte \(offset + Int64(index)))")
            }
            padding += Int64(chunk.count)
            offset += Int64(chunk.count)
            start = end
            guard padding <= PacketArchive.Limits.maxPaddingBytes else {
                throw refusal(
                    .trailingData, "more than \(PacketArchive.Limits.maxPaddingBytes) bytes of padding after the end-of-archive blocks")
            }
        }
    }

    /// The content of a long-name or pax header (small, capped by the caller), with its padding.
    private func content(_ size: Int64, of what: String) throws -> [UInt8] {
        var data: [UInt8] = []
        data.reserveCapacity(Int(size))
        guard try consume(size, { data.append(contentsOf: $0) }), try consume(Self.padding(size), { _ in }) else {
            throw refusal(.truncated, "the archive ends inside \(what)")
        }
        return data
    }

    /// One 512-byte block; nil at the end of the stream before its first byte.
    private func block() throws -> [UInt8]? {
        var block: [UInt8] = []
        block.reserveCapacity(TarHeader.blockSize)
        let complete = try consume(Int64(TarHeader.blockSize)) { block.append(contentsOf: $0) }
        if complete { return block }
        if block.isEmpty { return nil }
        throw refusal(.truncated, "the archive ends inside a header (at byte \(offset))")
    }

    /// Passes the next `count` bytes to `body` in the chunks they arrive in; false if the stream ended first.
    private func consume(_ count: Int64, _ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Bool {
        var left = count
        while left > 0 {
            guard try fill() else { return false }
            let take = Int(min(Int64(end - start), left))
            try body(UnsafeRawBufferPointer(rebasing: buffer[start..<(start + take)]))
            start += take
            offset += Int64(take)
            left -= Int64(take)
        }
        return true
    }

    /// True when bytes are buffered, reading more when none are; false at the end of the stream.
    private func fill() throws -> Bool {
        if start < end { return true }
        start = 0
        end = try stream.read(into: buffer)
        return end > 0
    }
}
