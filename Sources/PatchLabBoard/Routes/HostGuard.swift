import Foundation
import Hummingbird

/// Answers only requests addressed to the board by one of its own names: an IP address (what a
/// loopback board is reached by), `localhost`, or a name given with `--public-host`. A web page a
/// member visits can rebind its own DNS name to 127.0.0.1 (DNS rebinding): its requests then carry
/// `Host: evil.example:PORT` and a matching `Origin`, and would pass the origin check; refused here
/// before anything else runs (421 Misdirected Request), no secret is checked for them.
///
/// | `Host` | answered |
/// | --- | --- |
/// | an IPv4 or IPv6 address (any port) | yes: a rebinding attack needs a DNS name |
/// | `localhost` | yes |
/// | a name in `--public-host` | yes |
/// | any other name, or none | no: 421 |
struct HostGuard: RouterMiddleware {
    typealias Context = BoardContext

    let publicHosts: Set<String>

    init(publicHosts: [String]) {
        self.publicHosts = Set(publicHosts.map { $0.lowercased() })
    }

    func handle(_ request: Request, context: BoardContext, next: (Request, BoardContext) async throws -> Response) async throws -> Response
    {
        guard let authority = request.head.authority, allows(authority) else {
            throw BoardError(.misdirectedRequest, "this board answers only to its own names (an IP address, localhost, or --public-host)")
        }
        return try await next(request, context)
    }

    func allows(_ authority: String) -> Bool {
        var host = authority.lowercased()
        if host.hasPrefix("[") {
            guard let end = host.firstIndex(of: "]") else { return false }
            host = String(host[host.index(after: host.startIndex)..<end])
        } else if let colon = host.lastIndex(of: ":") {
            host = String(host[..<colon])
        }
        var v4 = in_addr(), v6 = in6_addr()
        return host == "localhost" || publicHosts.contains(host) || inet_pton(AF_INET, host, &v4) == 1
            || inet_pton(AF_INET6, host, &v6) == 1
    }
}
