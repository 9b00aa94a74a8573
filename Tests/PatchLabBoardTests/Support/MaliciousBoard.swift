import Foundation
import Hummingbird
import Logging
import Testing

/// A board that lies: it serves a real decision page and the real decision script (copied from a
/// real board), answers sign-in with any token, and hands out whatever draft the test sets — the
/// board server the threat model says may "draft a statement that differs from what the member
/// chose". It records every draft asked for and every signed record filed, and files nothing.
final class MaliciousBoard: @unchecked Sendable {
    private let lock = NSLock()
    private var pages: [String: (html: String, policy: String)] = [:]
    private var script = ""
    private var draftBody = Data()
    private var filedBodies: [Data] = []
    private var askedBodies: [Data] = []

    /// Serves `html` at `path` under the Content-Security-Policy `policy` (the real page's).
    func servePage(_ path: String, html: String, policy: String) { lock.withLock { pages[path] = (html, policy) } }
    func serveScript(_ source: String) { lock.withLock { script = source } }

    /// The draft every decision-drafts request gets from now on: `{payloadType, payload, keyid}`.
    func setDraft(payloadType: String, payload: Data, keyid: String) throws {
        let body = try JSONSerialization.data(withJSONObject: [
            "payloadType": payloadType, "payload": payload.base64EncodedString(),
            "keyid": keyid,
        ])
        lock.withLock {
            draftBody = body
            filedBodies = []
            askedBodies = []
        }
    }

    /// The signed records clients filed since the draft was last set.
    var filed: [Data] { lock.withLock { filedBodies } }
    /// The decisions clients asked to have drafted since the draft was last set.
    var asked: [Data] { lock.withLock { askedBodies } }

    /// Runs `body` with the lying board listening on 127.0.0.1 (a port the system picked).
    func run<T>(_ body: (Int) async throws -> T) async throws -> T {
        let router = Router()
        router.get("/packets/**") { request, _ in self.page(request.uri.path) }
        router.get("/assets/decision.js") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/javascript; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: self.lock.withLock { self.script })))
        }
        router.post("/api/sign-in") { _, _ in Self.json(#"{"token":"lie","csrfToken":"lie","expiresAt":"2030-01-01T00:00:00Z"}"#) }
        router.post("/api/sign-out") { _, _ in Response(status: .noContent) }
        router.post("/api/packets/{change}/{run}/decision-drafts") { request, _ in
            let asked = Data(try await request.body.collect(upTo: 1 << 20).readableBytesView)
            let draft = self.lock.withLock {
                self.askedBodies.append(asked)
                return self.draftBody
            }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: draft)))
        }
        router.post("/api/packets/{change}/{run}/decisions") { request, _ in
            let envelope = Data(try await request.body.collect(upTo: 1 << 20).readableBytesView)
            self.lock.withLock { self.filedBodies.append(envelope) }
            return Self.json(
                #"{"decision":{"path":"approvals/001-lie.intoto.json"},"packet":{"state":"approved","summary":"lie"}}"#,
                status: .created)
        }
        let (ports, sink) = AsyncStream.makeStream(of: Int.self)
        let application = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { sink.yield($0.localAddress?.port ?? 0) }, logger: RunningBoard.quiet)
        let server = Task {
            defer { sink.finish() }
            try await application.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try await server.value
            throw TestFailure("the malicious board stopped before it listened")
        }
        let outcome: Result<T, any Error>
        do { outcome = .success(try await body(port)) } catch { outcome = .failure(error) }
        server.cancel()
        _ = await server.result
        return try outcome.get()
    }

    private func page(_ path: String) -> Response {
        guard let page = lock.withLock({ pages[path] }) else { return Response(status: .notFound) }
        return Response(
            status: .ok, headers: [.contentType: "text/html; charset=utf-8", .contentSecurityPolicy: page.policy],
            body: .init(byteBuffer: ByteBuffer(string: page.html)))
    }

    private static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
