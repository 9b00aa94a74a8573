import Foundation

/// Reads the few DER shapes an Ed25519 key file holds (RFC 5958 PKCS#8, RFC 5280 SPKI, RFC 8410).
///
/// swift-crypto offers PEM/DER only for the NIST curves, and the Ed25519 structures are small and
/// fixed, so a reader of tag-length-value triples is all that is needed.
struct DERReader {
    struct Element {
        var tag: UInt8
        var content: Data
    }

    private var bytes: Data

    init(_ bytes: Data) {
        self.bytes = Data(bytes)
    }

    var isAtEnd: Bool { bytes.isEmpty }

    /// The next element, which must carry `tag`; `what` names it in the error.
    mutating func read(_ tag: UInt8, _ what: String) throws(KeyError) -> Element {
        guard let element = try readAny(), element.tag == tag else {
            throw .malformedDER("expected \(what)")
        }
        return element
    }

    /// The next element whatever its tag, or nil at the end.
    mutating func readAny() throws(KeyError) -> Element? {
        guard bytes.count >= 2 else {
            if bytes.isEmpty { return nil }
            throw .malformedDER("truncated element")
        }
        let start = bytes.startIndex
        let tag = bytes[start]
        var length = Int(bytes[start + 1])
        var headerCount = 2
        if length & 0x80 != 0 {
            // Long form; key files are tiny, so more than two length bytes means garbage.
            let lengthBytes = length & 0x7f
            guard (1...2).contains(lengthBytes), bytes.count >= 2 + lengthBytes else {
                throw .malformedDER("bad length")
            }
            length = bytes[(start + 2)..<(start + 2 + lengthBytes)].reduce(0) { $0 << 8 | Int($1) }
            headerCount += lengthBytes
        }
        guard bytes.count >= headerCount + length else { throw .malformedDER("truncated element") }
        let content = Data(bytes[(start + headerCount)..<(start + headerCount + length)])
        bytes = Data(bytes[(start + headerCount + length)...])
        return Element(tag: tag, content: content)
    }

    /// Dotted text of an OBJECT IDENTIFIER's content, e.g. `1.3.101.112`.
    static func objectIdentifier(_ content: Data) -> String {
        guard let first = content.first else { return "" }
        var parts = [Int(first) / 40, Int(first) % 40]
        var value = 0
        for byte in content.dropFirst() {
            value = value << 7 | Int(byte & 0x7f)
            if byte & 0x80 == 0 {
                parts.append(value)
                value = 0
            }
        }
        return parts.map(String.init).joined(separator: ".")
    }
}
