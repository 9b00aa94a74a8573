import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A plain HTTP client for the board under test: it follows no redirect and keeps no cookie, so
/// each test says exactly which session, token and CSRF value a request carries.
final class BoardClient: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    struct Answer: Sendable {
        var status: Int
        var headers: [String: String]
        var body: Data

        var text: String { String(decoding: body, as: UTF8.self) }
        func header(_ name: String) -> String? { headers.first { $0.key.lowercased() == name.lowercased() }?.value }
        func json() throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: body) as? [String: Any] else {
                throw CocoaError(.coderReadCorrupt)
            }
            return object
        }

        /// The value of the session cookie this answer sets, if any.
        var sessionCookie: String? {
            guard let line = header("Set-Cookie"), line.hasPrefix("patchlab_session=") else { return nil }
            return String(line.dropFirst("patchlab_session=".count).prefix { $0 != ";" })
        }
    }

    let base: URL
    private var session: URLSession!

    init(port: Int) {
        base = URL(string: "http://127.0.0.1:\(port)")!
        super.init()
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.timeoutIntervalForRequest = 60
        // Tests fire guesses in parallel: as many connections as they send requests at once.
        configuration.httpMaximumConnectionsPerHost = 64
        session = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
    }

    func invalidate() { session.invalidateAndCancel() }

    func send(_ method: String, _ path: String, headers: [String: String] = [:], body: Data? = nil) async throws -> Answer {
        var request = URLRequest(url: URL(string: path, relativeTo: base)!)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body
        return try await withCheckedThrowingContinuation { continuation in
            session.dataTask(with: request) { data, response, error in
                if let error { return continuation.resume(throwing: error) }
                guard let response = response as? HTTPURLResponse else {
                    return continuation.resume(throwing: URLError(.badServerResponse))
                }
                var fields: [String: String] = [:]
                for (name, value) in response.allHeaderFields { fields["\(name)"] = "\(value)" }
                continuation.resume(returning: Answer(status: response.statusCode, headers: fields, body: data ?? Data()))
            }.resume()
        }
    }

    func get(_ path: String, cookie: String? = nil, token: String? = nil) async throws -> Answer {
        try await send("GET", path, headers: Self.credentials(cookie: cookie, token: token))
    }

    /// A form post as a browser sends it.
    func postForm(_ path: String, _ fields: [(String, String)], cookie: String? = nil, extraHeaders: [String: String] = [:]) async throws
        -> Answer
    {
        var headers = Self.credentials(cookie: cookie, token: nil).merging(extraHeaders) { $1 }
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        return try await send("POST", path, headers: headers, body: Data(Self.formBody(fields).utf8))
    }

    func postJSON(_ path: String, _ object: [String: Any], token: String? = nil, csrf: String? = nil) async throws -> Answer {
        var headers = Self.credentials(cookie: nil, token: token)
        headers["Content-Type"] = "application/json"
        if let csrf { headers["X-CSRF-Token"] = csrf }
        return try await send("POST", path, headers: headers, body: try JSONSerialization.data(withJSONObject: object))
    }

    static func credentials(cookie: String?, token: String?) -> [String: String] {
        var headers: [String: String] = [:]
        if let cookie { headers["Cookie"] = "patchlab_session=\(cookie)" }
        if let token { headers["Authorization"] = "Bearer \(token)" }
        return headers
    }

    static func formBody(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._*")
        return fields.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed)!.replacingOccurrences(of: "%20", with: "+"))"
        }.joined(separator: "&")
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
