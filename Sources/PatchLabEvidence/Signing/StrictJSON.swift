import Foundation

/// Refuses JSON that readers would read differently. JSON (RFC 8259) leaves the meaning of an object
/// naming a key twice to each reader: Swift's `JSONDecoder` takes the first value, JavaScript's
/// `JSON.parse`, Python and jq the last. A signed record whose bytes say "approve" to the verifier
/// and "reject" to the member's browser must not count, so every signed JSON PatchLab reads (DSSE
/// envelopes, in-toto statements) is checked here first: one value per key, keys compared after
/// their escapes are decoded (`"\u0064ecision"` is `"decision"`), nesting at most ``maximumDepth``.
///
/// A recursive-descent scan of the bytes; it builds nothing but the key sets of the objects open
/// at the moment.
public enum StrictJSON {
    public static let maximumDepth = 64

    public struct Problem: Error, CustomStringConvertible, Equatable {
        public var message: String
        public var offset: Int
        public var description: String { "not strict JSON at byte \(offset): \(message)" }
    }

    /// - Throws: ``Problem`` for a duplicate key, nesting past ``maximumDepth``, or bytes that are not JSON.
    public static func check(_ data: Data) throws(Problem) {
        var scanner = Scanner(bytes: [UInt8](data))
        scanner.skipSpace()
        try scanner.value(depth: 0)
        scanner.skipSpace()
        guard scanner.index == scanner.bytes.count else { throw scanner.problem("text after the JSON value") }
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        func problem(_ message: String) -> Problem { Problem(message: message, offset: index) }

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        mutating func value(depth: Int) throws(Problem) {
            guard depth < StrictJSON.maximumDepth else { throw problem("nested deeper than \(StrictJSON.maximumDepth)") }
            guard index < bytes.count else { throw problem("the text ends where a value was expected") }
            switch bytes[index] {
            case UInt8(ascii: "{"): try object(depth: depth)
            case UInt8(ascii: "["): try array(depth: depth)
            case UInt8(ascii: "\""): _ = try string()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            default: try number()
            }
        }

        mutating func object(depth: Int) throws(Problem) {
            index += 1
            var keys = Set<String>()
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return }
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw problem("expected a key in quotes") }
                let keyStart = index
                let key = try string()
                guard keys.insert(key).inserted else {
                    index = keyStart
                    throw problem("the key \"\(key.prefix(64))\" is given twice in one object: readers disagree on which value counts")
                }
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw problem("expected ':' after a key") }
                index += 1
                skipSpace()
                try value(depth: depth + 1)
                skipSpace()
                guard index < bytes.count else { throw problem("the text ends inside an object") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                guard bytes[index] == UInt8(ascii: "}") else { throw problem("expected ',' or '}' in an object") }
                index += 1
                return
            }
        }

        mutating func array(depth: Int) throws(Problem) {
            index += 1
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return }
            while true {
                skipSpace()
                try value(depth: depth + 1)
                skipSpace()
                guard index < bytes.count else { throw problem("the text ends inside an array") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                guard bytes[index] == UInt8(ascii: "]") else { throw problem("expected ',' or ']' in an array") }
                index += 1
                return
            }
        }

        /// A string's value, escapes decoded (surrogate pairs joined), so keys compare as readers see them.
        mutating func string() throws(Problem) -> String {
            index += 1
            var scalars = String.UnicodeScalarView()
            var raw: [UInt8] = []
            func flush() { scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars); raw.removeAll() }
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    flush()
                    return String(scalars)
                }
                guard byte >= 0x20 else { throw problem("a control character inside a string") }
                guard byte == UInt8(ascii: "\\") else { raw.append(byte); index += 1; continue }
                flush()
                index += 1
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800...0xDBFF).contains(code), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                        bytes[index + 1] == UInt8(ascii: "u")
                    {
                        index += 2
                        let low = try hex4()
                        if (0xDC00...0xDFFF).contains(low) { code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00) }
                    }
                    scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                default: throw problem("an unknown escape in a string")
                }
            }
            throw problem("the text ends inside a string")
        }

        mutating func hex4() throws(Problem) -> UInt32 {
            // Exactly four hex digits: UInt32(_:radix:) alone would also take a sign ("\u+064").
            guard index + 4 <= bytes.count,
                bytes[index..<index + 4].allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }),
                let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
            else {
                throw problem("expected four hex digits after \\u")
            }
            index += 4
            return value
        }

        mutating func literal(_ word: String) throws(Problem) {
            let expected = Array(word.utf8)
            guard index + expected.count <= bytes.count, Array(bytes[index..<index + expected.count]) == expected else {
                throw problem("expected \(word)")
            }
            index += expected.count
        }

        mutating func number() throws(Problem) {
            let start = index
            while index < bytes.count, "+-0123456789.eE".utf8.contains(bytes[index]) { index += 1 }
            guard index > start, Double(String(decoding: bytes[start..<index], as: UTF8.self)) != nil else {
                index = start
                throw problem("expected a value")
            }
        }
    }
}
