import Foundation
import Hummingbird
import HummingbirdTesting
#if canImport(Glibc)
    import Glibc
    import PatchLabTestSupport
#endif

/// Drives a real headless Chromium through chromedriver, speaking W3C WebDriver (JSON over HTTP on
/// loopback). chromedriver is started on a free port and ended by its pid; a missing chromedriver
/// or Chromium is an error, never a skip, since a board no browser has used is not tested.
///
/// The HTTP goes through Hummingbird's test client (NIO): FoundationNetworking refuses
/// chromedriver's header lines, which have no space after the colon.
final class WebDriver: @unchecked Sendable {
    static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    private let driver: Process
    private let port: Int
    private let profile: TemporaryDirectory
    private let logPath: String
    private var sessionID = ""

    /// Runs `body` with a browser, then always ends the browser and chromedriver.
    static func with<T>(_ body: (WebDriver) async throws -> T) async throws -> T {
        let browser = try WebDriver()
        let outcome: Result<T, any Error>
        do {
            try await browser.start()
            outcome = .success(try await body(browser))
        } catch {
            outcome = .failure(error)
        }
        await browser.stop()
        return try outcome.get()
    }

    private init() throws {
        guard let chromedriver = ToolProcess.find(["chromedriver"]) else {
            throw TestFailure("chromedriver is required for the browser test and was not found (apt-get install chromium-driver)")
        }
        port = try Self.freePort()
        profile = try TemporaryDirectory("chromium")
        driver = Process()
        driver.executableURL = URL(fileURLWithPath: chromedriver)
        driver.arguments = ["--port=\(port)", "--allowed-ips=127.0.0.1"]
        driver.standardInput = FileHandle.nullDevice
        // Its output goes to a file: readiness is read there, without knocking on a closed port.
        logPath = profile.path("chromedriver.log")
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        driver.standardOutput = log
        driver.standardError = log
        try driver.run()
        try? log.close()
    }

    private func start() async throws {
        guard let chromium = ToolProcess.find(["chromium", "chromium-browser"]) else {
            throw TestFailure("Chromium is required for the browser test and was not found (apt-get install chromium)")
        }
        try await waitUntilReady()
        let capabilities: [String: Any] = [
            "capabilities": [
                "alwaysMatch": [
                    "browserName": "chrome",
                    // Chromium's own record of every request it sends (DevTools Network events), so a test can
                    // see what left the browser without trusting the server to tell.
                    "goog:loggingPrefs": ["performance": "ALL"],
                    "goog:chromeOptions": [
                        "perfLoggingPrefs": ["enableNetwork": true, "enablePage": false],
                        "binary": chromium,
                        "args": [
                            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                            "--window-size=1280,1600", "--hide-scrollbars", "--user-data-dir=\(profile.path("profile"))",
                        ],
                    ],
                ]
            ]
        ]
        let value = try await command("POST", "/session", capabilities)
        sessionID = try Self.require((value as? [String: Any])?["sessionId"] as? String, "no session id from chromedriver: \(value)")
    }

    /// Ends the browser session (which closes Chromium), then chromedriver by its pid: asked first
    /// through its /shutdown, killed if it has not gone within 5 s. SIGTERM is no use here: a process
    /// started from a Dispatch thread inherits a signal mask that blocks it.
    private func stop() async {
        if !sessionID.isEmpty {
            _ = try? await command("DELETE", "/session/\(sessionID)")
            sessionID = ""
        }
        if driver.isRunning {
            _ = try? await send("GET", "/shutdown", body: nil)
            let grace = ContinuousClock.now + .seconds(5)
            while driver.isRunning, ContinuousClock.now < grace { try? await Task.sleep(for: .milliseconds(50)) }
            if driver.isRunning { kill(driver.processIdentifier, SIGKILL) }
            driver.waitUntilExit()
        }
    }

    func open(_ url: String) async throws { try await command("POST", "/session/\(sessionID)/url", ["url": url]) }
    func currentURL() async throws -> String {
        try Self.require(try await command("GET", "/session/\(sessionID)/url") as? String, "no URL")
    }
    /// The URL once it is `expected`: a click that submits a form returns before the next page has loaded.
    func waitForURL(_ expected: String, within seconds: Int = 20) async throws -> String {
        let deadline = ContinuousClock.now + .seconds(seconds)
        var url = try await currentURL()
        while url != expected, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
            url = try await currentURL()
        }
        return url
    }

    /// The attribute once it is `expected` (a script sets it when ready), or what it was at the end.
    func waitForAttribute(_ name: String, of css: String, toBe expected: String, within seconds: Int = 20) async throws -> String? {
        let deadline = ContinuousClock.now + .seconds(seconds)
        var value = try await attribute(name, of: css)
        while value != expected, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
            value = try await attribute(name, of: css)
        }
        return value
    }

    func title() async throws -> String { try Self.require(try await command("GET", "/session/\(sessionID)/title") as? String, "no title") }
    func source() async throws -> String {
        try Self.require(try await command("GET", "/session/\(sessionID)/source") as? String, "no source")
    }

    func element(_ css: String) async throws -> String {
        let value = try await command("POST", "/session/\(sessionID)/element", ["using": "css selector", "value": css])
        return try Self.require((value as? [String: Any])?[Self.elementKey] as? String, "no element \(css): \(value)")
    }

    func type(_ text: String, into css: String) async throws {
        let id = try await element(css)
        try await command("POST", "/session/\(sessionID)/element/\(id)/value", ["text": text])
    }

    func click(_ css: String) async throws {
        let id = try await element(css)
        try await command("POST", "/session/\(sessionID)/element/\(id)/click", [String: Any]())
    }

    func text(of css: String) async throws -> String {
        let id = try await element(css)
        return try Self.require(try await command("GET", "/session/\(sessionID)/element/\(id)/text") as? String, "no text")
    }

    func attribute(_ name: String, of css: String) async throws -> String? {
        let id = try await element(css)
        return try await command("GET", "/session/\(sessionID)/element/\(id)/attribute/\(name)") as? String
    }

    /// A request the browser sent, as Chromium's network log records it.
    struct SentRequest {
        var method: String
        var url: String
        var headers: [String: String]
        /// The body, when the request had one (nil when it had none).
        var body: String?
        /// True when the request had a body the log did not carry (then nothing can be said about it).
        var bodyUnseen: Bool
    }

    /// Every request sent since the last call (the log is drained as it is read).
    func sentRequests() async throws -> [SentRequest] {
        let entries = try Self.require(
            try await command("POST", "/session/\(sessionID)/se/log", ["type": "performance"]) as? [[String: Any]],
            "no performance log")
        return entries.compactMap { entry -> SentRequest? in
            guard let text = entry["message"] as? String,
                let message = (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])?["message"] as? [String: Any],
                message["method"] as? String == "Network.requestWillBeSent",
                let request = (message["params"] as? [String: Any])?["request"] as? [String: Any]
            else { return nil }
            var body = request["postData"] as? String
            if body == nil, let entries = request["postDataEntries"] as? [[String: Any]] {
                body = entries.compactMap { ($0["bytes"] as? String).flatMap { Data(base64Encoded: $0) } }
                    .map { String(decoding: $0, as: UTF8.self) }.joined()
            }
            let hasBody = request["hasPostData"] as? Bool ?? false
            return SentRequest(
                method: request["method"] as? String ?? "", url: request["url"] as? String ?? "",
                headers: (request["headers"] as? [String: Any] ?? [:]).mapValues { "\($0)" },
                body: body, bodyUnseen: hasBody && body == nil)
        }
    }

    /// A PNG of the viewport.
    func screenshot() async throws -> Data {
        let base64 = try Self.require(try await command("GET", "/session/\(sessionID)/screenshot") as? String, "no screenshot")
        return try Self.require(Data(base64Encoded: base64), "the screenshot is not base64")
    }

    /// One WebDriver command; a WebDriver error becomes a thrown error naming it.
    @discardableResult
    func command(_ method: String, _ path: String, _ body: Any? = nil) async throws -> Any {
        let (status, data) = try await send(method, path, body: try body.map { try JSONSerialization.data(withJSONObject: $0) })
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        let value = object?["value"] ?? NSNull()
        if status >= 400 || (value as? [String: Any])?["error"] != nil {
            throw TestFailure("WebDriver \(method) \(path) answered \(status): \(String(decoding: data.prefix(1000), as: UTF8.self))")
        }
        return value
    }

    /// One request on its own connection; starting Chromium can take a while on a busy machine.
    private func send(_ method: String, _ path: String, body: Data?) async throws -> (Int, Data) {
        let authority = "127.0.0.1:\(port)"
        var headers: HTTPFields = [:]
        if body != nil { headers[.contentType] = "application/json; charset=utf-8" }
        let request = TestClient.Request(
            path, method: HTTPRequest.Method(method)!, authority: authority, headers: headers,
            body: body.map { ByteBuffer(bytes: $0) })
        let response = try await TestClient.withClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(120))) {
            try await $0.execute(request)
        }
        return (Int(response.status.code), Data(response.body.map { Array($0.readableBytesView) } ?? []))
    }

    private func waitUntilReady() async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            guard driver.isRunning else {
                throw TestFailure("chromedriver exited with status \(driver.terminationStatus): \(log)")
            }
            if log.contains("was started successfully") {
                let value = try await command("GET", "/status")
                guard (value as? [String: Any])?["ready"] as? Bool == true else { throw TestFailure("chromedriver is not ready: \(value)") }
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestFailure("chromedriver did not start within 30 s: \(log)")
    }

    private var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// A port nobody listens on now: bound to port 0 on loopback, read back, released.
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw TestFailure("could not find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func require<T>(_ value: T?, _ message: @autoclosure () -> String) throws -> T {
        guard let value else { throw TestFailure(message()) }
        return value
    }
}
