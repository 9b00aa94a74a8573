/// A Debian package version (`[epoch:]upstream[-revision]`), ordered exactly as dpkg orders them.
///
/// Equality is dpkg's too: `1.0` equals `0:1.0` and `1.0-0`, so `==` follows the ordering rather
/// than the text. ``description`` keeps the text as written.
public struct DebianVersion: Sendable, Comparable, Hashable, CustomStringConvertible {
    public let epoch: Int
    public let upstream: String
    /// Empty when the version has no `-revision` (a native package).
    public let revision: String
    /// The version as written.
    public let description: String

    /// Nil unless `text` is a valid version; ``problem(with:)`` says why.
    public init?(_ text: String) {
        guard Self.problem(with: text) == nil else { return nil }
        var rest = Substring(text)
        if let colon = rest.firstIndex(of: ":") {
            epoch = Int(rest[..<colon])!
            rest = rest[rest.index(after: colon)...]
        } else {
            epoch = 0
        }
        if let dash = rest.lastIndex(of: "-") {
            upstream = String(rest[..<dash])
            revision = String(rest[rest.index(after: dash)...])
        } else {
            upstream = String(rest)
            revision = ""
        }
        description = text
    }

    /// What is wrong with `text` as a version, in dpkg's terms, or nil when it is valid.
    public static func problem(with text: String) -> String? {
        if text.isEmpty { return "the version is empty" }
        if text.contains(where: \.isWhitespace) { return "a version has no spaces" }
        var rest = Substring(text)
        if let colon = rest.firstIndex(of: ":") {
            let epoch = rest[..<colon]
            guard !epoch.isEmpty, epoch.allSatisfy({ $0.isASCII && $0.isNumber }),
                let value = Int(epoch), value <= Int(Int32.max)
            else {
                return "the epoch (before ':') must be a number"
            }
            rest = rest[rest.index(after: colon)...]
        }
        var upstream = rest
        if let dash = rest.lastIndex(of: "-") {
            upstream = rest[..<dash]
            let revision = rest[rest.index(after: dash)...]
            if revision.isEmpty { return "the revision (after the last '-') is empty" }
            if !revision.allSatisfy({ isAlphanumeric($0) || ".+~".contains($0) }) {
                return "the revision may hold only letters, digits and . + ~"
            }
        }
        guard let first = upstream.first else { return "the upstream version is empty" }
        if !(first.isASCII && first.isNumber) { return "the upstream version must start with a digit" }
        if !upstream.allSatisfy({ isAlphanumeric($0) || ".+~-:".contains($0) }) {
            return "the upstream version may hold only letters, digits and . + ~ - :"
        }
        return nil
    }

    public static func < (lhs: DebianVersion, rhs: DebianVersion) -> Bool {
        compare(lhs, rhs) < 0
    }

    public static func == (lhs: DebianVersion, rhs: DebianVersion) -> Bool {
        compare(lhs, rhs) == 0
    }

    /// Hashes only what equal versions always share (the epoch): versions equal under dpkg's order
    /// may be written differently (`1.0`, `1.00`, `1.0-0`), and `Hashable` must agree with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(epoch)
    }

    /// dpkg's `dpkg_version_compare`: epoch as a number, then upstream, then revision, each with
    /// ``compareParts(_:_:)``. Negative, zero or positive like C's `strcmp`.
    public static func compare(_ lhs: DebianVersion, _ rhs: DebianVersion) -> Int {
        if lhs.epoch != rhs.epoch { return lhs.epoch < rhs.epoch ? -1 : 1 }
        let upstream = compareParts(lhs.upstream, rhs.upstream)
        if upstream != 0 { return upstream }
        return compareParts(lhs.revision, rhs.revision)
    }

    /// dpkg's `verrevcmp`: alternate runs of non-digits (compared character by character, where `~`
    /// sorts before everything, even the end of the string, and letters sort before other symbols)
    /// and runs of digits (compared as numbers).
    static func compareParts(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs.utf8), b = Array(rhs.utf8)
        var i = 0, j = 0
        // 0 past the end, like the C string's terminator.
        func at(_ bytes: [UInt8], _ index: Int) -> UInt8 { index < bytes.count ? bytes[index] : 0 }
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        func order(_ c: UInt8) -> Int {
            if isDigit(c) { return 0 }
            if (c >= 65 && c <= 90) || (c >= 97 && c <= 122) { return Int(c) }
            if c == UInt8(ascii: "~") { return -1 }
            if c != 0 { return Int(c) + 256 }
            return 0
        }
        while i < a.count || j < b.count {
            var firstDifference = 0
            while (i < a.count && !isDigit(a[i])) || (j < b.count && !isDigit(b[j])) {
                let ac = order(at(a, i)), bc = order(at(b, j))
                if ac != bc { return ac - bc }
                i += 1
                j += 1
            }
            while at(a, i) == UInt8(ascii: "0") { i += 1 }
            while at(b, j) == UInt8(ascii: "0") { j += 1 }
            while isDigit(at(a, i)) && isDigit(at(b, j)) {
                if firstDifference == 0 { firstDifference = Int(a[i]) - Int(b[j]) }
                i += 1
                j += 1
            }
            if isDigit(at(a, i)) { return 1 }
            if isDigit(at(b, j)) { return -1 }
            if firstDifference != 0 { return firstDifference }
        }
        return 0
    }

    private static func isAlphanumeric(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber)
    }
}

/// Stored as the version text.
extension DebianVersion: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let version = DebianVersion(text) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "invalid Debian version '\(text)'"))
        }
        self = version
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
