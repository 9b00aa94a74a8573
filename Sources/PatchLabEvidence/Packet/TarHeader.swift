/// One 512-byte tar header block, POSIX ustar or GNU tar's own (`ustar  `), read field by field
/// and checked: the checksum must match and every number must be a number. What the entry may be
/// is decided by ``TarReader``, not here.
struct TarHeader {
    static let blockSize = 512

    /// The name field, and for POSIX ustar the prefix joined before it (GNU tar uses long-name entries).
    var name: [UInt8]
    var linkName: [UInt8]
    var type: UInt8
    var size: Int64

    /// Why a block is not a header; the reader names the entry and the offset.
    struct Invalid: Error { var reason: String }

    static func isZero(_ block: [UInt8]) -> Bool { block.allSatisfy { $0 == 0 } }

    init(_ block: [UInt8]) throws(Invalid) {
        precondition(block.count == Self.blockSize)
        let magic = Array(block[257..<263]), version = Array(block[263..<265])
        let posix = magic == Array("ustar\0".utf8) && version == Array("00".utf8)
        let gnu = magic == Array("ustar ".utf8) && version == Array(" \0".utf8)
        guard posix || gnu else { throw Invalid(reason: "not a ustar or GNU tar header (magic \(Self.printable(magic + version)))") }
        guard let stored = Self.number(block[148..<156]) else { throw Invalid(reason: "its checksum field is not a number") }
        // The checksum is the sum of the header's bytes with its own field read as spaces; some old
        // writers summed signed bytes, which GNU tar accepts too.
        var unsigned: Int64 = 8 * 32, signed: Int64 = 8 * 32
        for (index, byte) in block.enumerated() where !(148..<156).contains(index) {
            unsigned += Int64(byte)
            signed += Int64(Int8(bitPattern: byte))
        }
        guard stored == unsigned || stored == signed else {
            throw Invalid(reason: "header checksum \(stored) does not match its bytes (\(unsigned))")
        }
        guard let size = Self.number(block[124..<136]) else { throw Invalid(reason: "its size field is not a number") }
        type = block[156]
        self.size = size
        var name = Self.string(block[0..<100])
        let prefix = posix ? Self.string(block[345..<500]) : []
        if !prefix.isEmpty { name = prefix + [UInt8(ascii: "/")] + name }
        self.name = name
        linkName = Self.string(block[157..<257])
    }

    /// Bytes up to the first NUL.
    static func string(_ field: ArraySlice<UInt8>) -> [UInt8] { Array(field.prefix { $0 != 0 }) }

    /// A numeric field: octal digits (leading spaces allowed, ended by NUL or space), or GNU's
    /// base-256 for values too large for octal (first byte 0x80). Nil when it is neither, negative,
    /// or over Int64.
    static func number(_ field: ArraySlice<UInt8>) -> Int64? {
        guard let first = field.first else { return nil }
        if first & 0x80 != 0 {
            guard first == 0x80 else { return nil }
            var value: Int64 = 0
            for byte in field.dropFirst() {
                guard value <= (Int64.max >> 8) else { return nil }
                value = value << 8 | Int64(byte)
            }
            return value
        }
        var rest = field.drop { $0 == UInt8(ascii: " ") }
        var value: Int64 = 0
        while let byte = rest.first, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(byte) {
            guard value <= (Int64.max >> 3) else { return nil }
            value = value << 3 | Int64(byte - UInt8(ascii: "0"))
            rest = rest.dropFirst()
        }
        guard rest.allSatisfy({ $0 == 0 || $0 == UInt8(ascii: " ") }) else { return nil }
        return value
    }

    static func printable(_ bytes: [UInt8]) -> String {
        "'" + bytes.map { (0x20..<0x7F).contains($0) ? String(UnicodeScalar($0)) : "\\x" + String($0, radix: 16) }.joined() + "'"
    }
}
