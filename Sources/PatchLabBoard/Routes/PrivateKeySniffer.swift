import Foundation

/// Whether a request body holds a private key, in any of the forms a member could paste one: the
/// PEM armour (also JSON-escaped, `PRIVATE\u0020KEY`), or the PKCS#8 base64 of an Ed25519 key
/// without it — the line a member copies out of the key file. The board must never take one in,
/// not even to refuse it later: it would be drafted into a record and filed into the packet.
enum PrivateKeySniffer {
    /// The base64 of an Ed25519 PKCS#8 key's fixed first 15 bytes (`30 2e 02 01 00 30 05 06 03 2b 65
    /// 70 04 22 04`): every such key's base64 starts so.
    static let ed25519PKCS8Prefix = "MC4CAQAwBQYDK2VwBCIE"

    /// The end of a PEM private-key armour line (`-----BEGIN PRIVATE KEY-----`, `… ENCRYPTED
    /// PRIVATE KEY-----`, `… OPENSSH PRIVATE KEY-----`): the words alone are ordinary prose ("this
    /// rotates the private key on db1") and a comment may say them.
    static let armour = "PRIVATE KEY-----"

    static func holdsPrivateKey(_ body: Data) -> Bool {
        if body.range(of: Data(armour.utf8)) != nil { return true }
        // The strings as a JSON reader sees them, escapes decoded.
        guard let object = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) else {
            return holds(String(decoding: body, as: UTF8.self))
        }
        return strings(in: object).contains(where: holds)
    }

    private static func holds(_ text: String) -> Bool {
        let squeezed = text.filter { !$0.isWhitespace }
        return text.uppercased().contains(armour) || squeezed.contains(ed25519PKCS8Prefix)
    }

    private static func strings(in object: Any) -> [String] {
        switch object {
        case let text as String: return [text]
        case let list as [Any]: return list.flatMap(strings(in:))
        case let map as [String: Any]: return map.keys.map { $0 } + map.values.flatMap(strings(in:))
        default: return []
        }
    }
}
