/// An IPv4 address, for the isolated lab networks. Foundation has no portable one, and the checks a lab
/// needs (subnet, overlap, DHCP range) are a few lines of integer arithmetic.
public struct IPv4Address: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The address as a big-endian number: `10.0.0.1` is `0x0A000001`.
    public var value: UInt32

    public init(_ value: UInt32) {
        self.value = value
    }

    /// Parses dotted-quad text strictly: four decimal octets, no leading zeros (which some tools read
    /// as octal, so they are refused rather than guessed at).
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }),
                part == "0" || part.first != "0", let octet = UInt32(part), octet <= 255
            else { return nil }
            value = value << 8 | octet
        }
        self.value = value
    }

    public var description: String {
        [24, 16, 8, 0].map { String(value >> $0 & 0xFF) }.joined(separator: ".")
    }

    public static func < (lhs: IPv4Address, rhs: IPv4Address) -> Bool {
        lhs.value < rhs.value
    }

    /// The mask of a prefix length, e.g. 24 → `255.255.255.0`.
    public static func netmask(prefixLength: Int) -> IPv4Address {
        precondition((0...32).contains(prefixLength), "prefix length out of range")
        return IPv4Address(prefixLength == 0 ? 0 : UInt32.max << UInt32(32 - prefixLength))
    }
}

extension IPv4Address: Codable {
    /// Encoded as its dotted-quad text, the way people read and write it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let address = IPv4Address(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "invalid IPv4 address '\(text)'")
        }
        self = address
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
