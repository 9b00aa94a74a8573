import Foundation
import Hummingbird
import Logging
import PatchLabEvidence
import PatchLabTestSupport
import Testing

/// `patchlab approve --board` against a board that is not what it seems: it must not follow the
/// board elsewhere, nor read an answer without end.
@Suite struct HostileBoardTests {
    /// A server on 127.0.0.1 answering every request with `answer`, and counting what reached it.
    final class Server: @unchecked Sendable {
        private let lock = NSLock()
        private var seen: [String] = []
        var requests: [String] { lock.withLock { seen } }
        func record(_ line: String) { lock.withLock { seen.append(line) } }

        static func with<T>(
            _ answer: @escaping @Sendable (Request) -> Response, server: Server = Server(),
            _ body: (Int) async throws -> T
        ) async throws -> T {
            let router = Router()
            router.post("/api/sign-in") { request, _ in
                server.record("POST \(request.uri.path)")
                return answer(request)
            }
            let (ports, sink) = AsyncStream.makeStream(of: Int.self)
            var logger = Logger(label: "hostile-board")
            logger.logLevel = .critical
            let app = Application(
                router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                onServerRunning: { channel in sink.yield(channel.localAddress?.port ?? 0) }, logger: logger)
            let task = Task { try await app.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw TestFailure("the hostile board did not start") }
            let outcome: Result<T, any Error>
            do { outcome = .success(try await body(port)) } catch { outcome = .failure(error) }
            task.cancel()
            _ = await task.result
            return try outcome.get()
        }
    }

    @Test func aRedirectIsNotFollowedSoTheSecretGoesNowhereElse() async throws {
        let cli = PatchlabBinary()
        defer { cli.cleanUp() }
        let key = try cli.write("dave.key", SigningKey.generate().pem)
        let elsewhere = Server()
        try await Server.with({ _ in Response(status: .ok) }, server: elsewhere) { otherPort in
            try await Server.with({ _ in
                Response(status: .temporaryRedirect, headers: [.location: "http://127.0.0.1:\(otherPort)/api/sign-in"])
            }) { port in
                let result = try await cli.runDetached(
                    [
                        "approve", "CHG-0001/run-1", "--board", "http://127.0.0.1:\(port)", "--as", "dave",
                        "--key", key, "--decision", "approve",
                    ], environment: ["PATCHLAB_BOARD_SECRET": "s3cret"])
                #expect(result.status == 1)
                #expect(result.stderr.contains("the board answered 307"), "\(result.stderr)")
            }
        }
        #expect(elsewhere.requests.isEmpty, "the redirect was followed: \(elsewhere.requests)")
    }

    /// A board that answers one byte at a time, never finishing: each byte comes well within the
    /// request's idle timeout, so only a deadline on the whole answer ends the wait.
    @Test func aTricklingAnswerIsGivenUpAtTheDeadline() async throws {
        let cli = PatchlabBinary()
        defer { cli.cleanUp() }
        let key = try cli.write("dave.key", SigningKey.generate().pem)
        let trickle = ResponseBody { writer in
            for _ in 0..<600 {
                try await writer.write(ByteBuffer(string: " "))
                try await Task.sleep(for: .milliseconds(200))
            }
            try await writer.finish(nil)
        }
        try await Server.with({ _ in Response(status: .ok, body: trickle) }) { port in
            let started = ContinuousClock.now
            let result = try await cli.runDetached(
                [
                    "approve", "CHG-0001/run-1", "--board", "http://127.0.0.1:\(port)", "--as", "dave",
                    "--key", key, "--decision", "approve", "--board-timeout", "2",
                ], environment: ["PATCHLAB_BOARD_SECRET": "s3cret"])
            #expect(result.status == 1)
            #expect(result.stderr.contains("did not answer in full within 2 s"), "\(result.stderr)")
            #expect(ContinuousClock.now - started < .seconds(30), "the 120 s answer was waited out")
        }
    }

    @Test func anAnswerWithoutEndIsCutOff() async throws {
        let cli = PatchlabBinary()
        defer { cli.cleanUp() }
        let key = try cli.write("dave.key", SigningKey.generate().pem)
        let flood = ByteBuffer(repeating: UInt8(ascii: "x"), count: 8 << 20)
        try await Server.with({ _ in Response(status: .ok, body: .init(byteBuffer: flood)) }) { port in
            let result = try await cli.runDetached(
                [
                    "approve", "CHG-0001/run-1", "--board", "http://127.0.0.1:\(port)", "--as", "dave",
                    "--key", key, "--decision", "approve",
                ], environment: ["PATCHLAB_BOARD_SECRET": "s3cret"])
            #expect(result.status == 1)
            #expect(result.stderr.contains("it was cut off"), "\(result.stderr)")
        }
    }
}
