import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// One HTTP/1.1 request over a socket bound to a chosen local address, for what URLSession cannot
/// do: come from another loopback address (`127.0.0.2`) than the one the kernel would pick.
enum RawHTTP {
    /// The status code of `POST path` with a JSON body, sent from `source` to 127.0.0.1:`port`;
    /// `host` is the `Host` header (the board's own address unless said), `headers` any others.
    /// Waits on a Dispatch thread: the socket calls block, and a blocked thread of Swift's
    /// cooperative pool (two on a two-core machine) can leave the board in the same process no
    /// thread to answer on — under the full suite, this test waited out its 60 s and failed.
    static func postJSON(
        from source: String, port: Int, path: String, body: Data, host: String? = nil,
        headers: [String: String] = [:]
    ) async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(
                    with: Result { try blockingPostJSON(from: source, port: port, path: path, body: body, host: host, headers: headers) })
            }
        }
    }

    private static func blockingPostJSON(
        from source: String, port: Int, path: String, body: Data, host: String?, headers: [String: String]
    ) throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket() failed") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard withAddress(source, 0, { bind(fd, $0, $1) }) == 0 else { throw TestFailure("cannot bind to \(source)") }
        guard withAddress("127.0.0.1", port, { connect(fd, $0, $1) }) == 0 else { throw TestFailure("cannot connect to port \(port)") }
        let extra = headers.map { "\($0.key): \($0.value)\r\n" }.joined()
        let head =
            "POST \(path) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nContent-Type: application/json\r\n" + extra
            + "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        let request = Data(head.utf8) + body
        var sent = 0
        while sent < request.count {
            let count = request.withUnsafeBytes { send(fd, $0.baseAddress! + sent, request.count - sent, 0) }
            guard count > 0 else { throw TestFailure("send() failed") }
            sent += count
        }
        var answer = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            answer.append(contentsOf: buffer[0..<count])
        }
        let statusLine = String(decoding: answer.prefix { $0 != 13 }, as: UTF8.self)
        guard statusLine.hasPrefix("HTTP/1.1 "), let status = Int(statusLine.dropFirst(9).prefix(3)) else {
            throw TestFailure("no HTTP answer: \(statusLine)")
        }
        return status
    }

    private static func withAddress(_ host: String, _ port: Int, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Int32) -> Int32 {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr(host)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
    }
}
