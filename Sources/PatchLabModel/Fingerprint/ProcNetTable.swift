/// Reads the kernel's socket tables (`/proc/net/tcp`, `tcp6`, `udp`, `udp6`), the way the `port`
/// matcher learns what listens in a guest without needing `ss` or `netstat` there.
struct ProcNetTable {
    struct Socket: Hashable {
        /// The local address, printed the usual way (`0.0.0.0`, `::`, `127.0.0.1`).
        var address: String
        var port: Int
        var remotePort: Int
        /// The kernel's state number: 0x0A is TCP LISTEN, 0x07 is CLOSE (how an unconnected UDP
        /// socket shows).
        var state: Int
    }

    var sockets: [Socket]

    /// Parses one or more tables run together; nil when no table header is present (the probe did
    /// not print a table at all).
    init?(_ text: String) {
        var sawHeader = false
        var sockets: [Socket] = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if fields.first == "sl" { sawHeader = true; continue }
            guard fields.count >= 4, fields[0].hasSuffix(":"),
                let local = Self.endpoint(fields[1]), let remote = Self.endpoint(fields[2]),
                let state = Int(fields[3], radix: 16)
            else { continue }
            sockets.append(Socket(address: local.address, port: local.port, remotePort: remote.port, state: state))
        }
        guard sawHeader else { return nil }
        self.sockets = sockets
    }

    /// Sockets waiting for connections (TCP) or bound and unconnected (UDP) on `port`.
    func listening(on port: Int?, protocol proto: PortProtocol) -> [Socket] {
        sockets.filter { socket in
            (port == nil || socket.port == port)
                && (proto == .tcp
                    ? socket.state == 0x0A
                    : socket.state == 0x07 && socket.remotePort == 0)
        }
    }

    /// `0100007F:0050` → 127.0.0.1, 80. The kernel prints each 32-bit word in host byte order, which
    /// is little-endian on every architecture PatchLab runs guests on.
    private static func endpoint(_ text: Substring) -> (address: String, port: Int)? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let port = Int(parts[1], radix: 16) else { return nil }
        let hex = parts[0]
        guard hex.count == 8 || hex.count == 32, hex.allSatisfy(\.isHexDigit) else { return nil }
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 8)
            let word = UInt32(hex[index..<next], radix: 16)!
            bytes += [UInt8(word & 0xFF), UInt8(word >> 8 & 0xFF), UInt8(word >> 16 & 0xFF), UInt8(word >> 24)]
            index = next
        }
        return (bytes.count == 4 ? bytes.map(String.init).joined(separator: ".") : ipv6Text(bytes), port)
    }

    /// RFC 5952 text: lowercase hex groups, the longest run of two or more zero groups as `::`.
    private static func ipv6Text(_ bytes: [UInt8]) -> String {
        // IPv4-mapped (a dual-stack socket bound to an IPv4 address) reads best as ::ffff:a.b.c.d.
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            return "::ffff:" + bytes[12...].map(String.init).joined(separator: ".")
        }
        let groups = stride(from: 0, to: 16, by: 2).map { Int(bytes[$0]) << 8 | Int(bytes[$0 + 1]) }
        var best: Range<Int>?
        var start: Int?
        for index in 0...groups.count {
            if index < groups.count, groups[index] == 0 {
                if start == nil { start = index }
            } else if let runStart = start {
                if index - runStart >= 2, index - runStart > (best?.count ?? 0) { best = runStart..<index }
                start = nil
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard let best else { return hex.joined(separator: ":") }
        return hex[..<best.lowerBound].joined(separator: ":") + "::" + hex[best.upperBound...].joined(separator: ":")
    }
}
