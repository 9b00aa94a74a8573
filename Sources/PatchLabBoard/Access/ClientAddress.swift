import Foundation

/// Who a sign-in attempt comes from, for the throttle: the peer address of the connection itself.
/// `X-Forwarded-For` and its kin are never read — any client can write them, and the board runs on
/// loopback or behind a proxy it knows nothing about (behind a proxy every attempt counts against the
/// proxy's address, which is the safe direction).
enum ClientAddress {
    /// IPv4 as it is; IPv6 by its /64, since one host is usually handed a whole /64 and could
    /// otherwise take a fresh address for every guess. IPv4 written as IPv6 (`::ffff:a.b.c.d`) is IPv4.
    static func key(_ address: String?) -> String {
        guard let address, !address.isEmpty else { return "unknown" }
        var bytes = [UInt8](repeating: 0, count: 16)
        guard address.contains(":"), inet_pton(AF_INET6, address, &bytes) == 1 else { return address }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xff, bytes[11] == 0xff {
            return bytes[12...].map(String.init).joined(separator: ".")
        }
        let prefix = stride(from: 0, to: 8, by: 2).map { String(format: "%x", UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1])) }
        return prefix.joined(separator: ":") + "::/64"
    }
}
