import Foundation
import PatchLabBoard
import PatchLabTestSupport
import Testing

/// The pages: what they list and in which order, what a packet's page shows, that every piece of
/// guest and change text is escaped, that no page can run a script or load from elsewhere, and that
/// packet files are served read-only and only from inside the packet.
@Suite struct BoardPageTests {
    let fixture: BoardFixture

    init() throws { fixture = try BoardFixture() }

    @Test func theListPutsEmergenciesFirstThenTheLongestWaiting() async throws {
        try await RunningBoard.with(fixture.settings()) { board in
            let (cookie, _) = try await board.signIn("alice")
            let page = try await board.client.get("/packets", cookie: cookie)
            #expect(page.status == 200)
            let text = page.text
            let order = ["CHG-0044", "CHG-0042", "CHG-0043"].map { text.range(of: "data-change=\"\($0)\"")?.lowerBound }
            #expect(order.allSatisfy { $0 != nil }, "\(text.prefix(3000))")
            #expect(order[0]! < order[1]! && order[1]! < order[2]!, "emergency first, then oldest")
            #expect(text.contains("Awaiting decision (3)"))
            #expect(text.contains("<td class=\"verdict no-go\">NO-GO</td>"))
            #expect(text.contains("<td class=\"type-emergency\">emergency</td>"))
            // Made at 10:00, the board's clock says 13:00.
            #expect(text.contains("<td class=\"number\">3 h</td>"))
            // The board's name and the change titles are text, never markup.
            #expect(text.contains("Change Advisory Board &lt;b&gt;Test&lt;/b&gt;"))
            #expect(text.contains("Update nginx-light &lt;b&gt;now&lt;/b&gt; | security (CHG-0042)"))
            #expect(!text.contains("<b>"))

            let api = try await board.client.get("/api/packets", token: try await board.apiSignIn("alice").token)
            let packets = try #require(try api.json()["packets"] as? [[String: Any]])
            #expect(packets.map { $0["change"] as? String } == ["CHG-0044", "CHG-0042", "CHG-0043"])
            #expect(packets.first?["ageSeconds"] as? Int == 3 * 3600 - 1200)
        }
    }

    @Test func aPacketPageShowsVerdictResultsRollbackAndLogsEscaped() async throws {
        try await RunningBoard.with(fixture.settings()) { board in
            let (cookie, csrf) = try await board.signIn("alice")
            let page = try await board.client.get(fixture.noGo.page, cookie: cookie)
            #expect(page.status == 200)
            let text = page.text
            #expect(text.contains("data-verdict=\"NO-GO\""))
            #expect(text.contains("patch install failed on web-02"))
            #expect(text.contains("data-intact=\"yes\""))
            #expect(text.contains("id=\"results-table\""))
            #expect(text.contains("<td>post-patch</td>"))
            #expect(text.contains("Rollback proven: NO"))
            #expect(text.contains("web-01: package nginx-light upgraded"))
            #expect(text.contains("/packets/CHG-0043/run-20260101-110000-ng02/files/logs/"))
            #expect(text.contains("Emergency approval: a NO-GO can only be approved as an emergency"))
            #expect(text.contains("name=\"csrf\" value=\"\(csrf)\""))
            #expect(text.contains("<iframe class=\"summary\" title=\"Packet summary\" sandbox=\"\""))
            // Guest text planted in the fixtures (<script>alert…) shows as text: the one script element
            // is the board's own decision script.
            #expect(text.lowercased().components(separatedBy: "<script").count == 2)
            #expect(text.contains("<script src=\"/assets/decision.js\" integrity=\"sha256-"))
            #expect(!text.lowercased().contains("<img"))
            // The policy: no script but the decision script (by its hash), styles only from the board
            // itself, no framing by others.
            let policy = try #require(page.header("Content-Security-Policy"))
            #expect(policy.contains("default-src 'none'"))
            #expect(policy.contains("script-src 'sha256-") && !policy.contains("script-src 'self'") && !policy.contains("unsafe"))
            #expect(policy.contains("style-src 'self'"))
            #expect(policy.contains("frame-ancestors 'none'"))
            #expect(page.header("X-Content-Type-Options") == "nosniff")
            #expect(page.header("Cache-Control") == "no-store")
        }
    }

    /// Fidelity to production sits beside the verdict: each machine's score, or that it was not
    /// measured; in the API too.
    @Test func aPacketPageShowsFidelityBesideTheVerdict() async throws {
        try await RunningBoard.with(fixture.settings()) { board in
            let (cookie, _) = try await board.signIn("alice")
            let measured = try await board.client.get(fixture.go.page, cookie: cookie).text
            #expect(
                measured.contains(
                    "<p id=\"fidelity\" data-measured=\"yes\">Fidelity to production: web-01 0.90 against prod-web-01; web-02 not measured</p>"
                ))
            let banner = try #require(measured.range(of: "id=\"verdict\""))
            let decisions = try #require(measured.range(of: "id=\"decisions\""))
            let fidelity = try #require(measured.range(of: "id=\"fidelity\""))
            #expect(banner.upperBound < fidelity.lowerBound && fidelity.upperBound < decisions.lowerBound, "in the verdict's banner")
            let old = try await board.client.get(fixture.noGo.page, cookie: cookie).text
            #expect(old.contains("data-measured=\"no\">Fidelity to production: not measured (this rehearsal predates fidelity)"))
            let api = try await board.client.get(fixture.go.api, cookie: cookie).text
            let object = try #require(try JSONSerialization.jsonObject(with: Data(api.utf8)) as? [String: Any])
            let section = try #require(object["fidelity"] as? [String: Any])
            let machines = try #require(section["machines"] as? [[String: Any]])
            #expect(section["measured"] as? Bool == true)
            #expect(machines.first?["production"] as? String == "prod-web-01")
        }
    }

    /// A log larger than several of the board's read chunks comes through byte for byte, with its length.
    @Test func aLargeLogIsServedWholeInChunks() async throws {
        var generator = SystemRandomNumberGenerator()
        let bytes = Data((0..<(3 << 20) + 12_345).map { _ in UInt8.random(in: 0...255, using: &generator) })
        // Listed in the signed manifest: the board serves a packet's evidence files only.
        try SignedPacketFile.add("logs/big.log", bytes, to: fixture.go.folder, signer: fixture.signer)
        try await RunningBoard.with(fixture.settings()) { board in
            let (cookie, _) = try await board.signIn("alice")
            let answer = try await board.client.get("\(fixture.go.page)/files/logs/big.log", cookie: cookie)
            #expect(answer.status == 200)
            #expect(answer.header("Content-Length") == String(bytes.count))
            #expect(answer.body == bytes)
        }
    }

    @Test func packetFilesAreServedReadOnlyAndOnlyFromInsideThePacket() async throws {
        // A link inside the packet that points outside it must not be followed.
        try FileManager.default.createSymbolicLink(atPath: "\(fixture.go.folder)/logs/passwd", withDestinationPath: "/etc/passwd")
        try FileManager.default.createSymbolicLink(atPath: "\(fixture.go.folder)/logs/etc", withDestinationPath: "/etc")
        try "outside\n".write(toFile: fixture.scratch.path("evidence/secret.txt"), atomically: true, encoding: .utf8)
        try await RunningBoard.with(fixture.settings()) { board in
            let (cookie, _) = try await board.signIn("alice")
            let base = "\(fixture.go.page)/files"
            let log = try await board.client.get("\(fixture.noGo.page)/files/logs/patch/web-02/stdout", cookie: cookie)
            #expect(log.status == 200, "\(fixture.go.folder)")
            #expect(log.header("Content-Type") == "text/plain; charset=utf-8")
            #expect(log.header("Content-Security-Policy")?.contains("sandbox") == true)
            #expect(log.text.contains("<script>alert(1)</script>"), "served as it is, as text")

            let summary = try await board.client.get("\(base)/summary.html", cookie: cookie)
            #expect(summary.status == 200)
            #expect(summary.header("Content-Type") == "text/html; charset=utf-8")
            #expect(summary.header("Content-Security-Policy")?.contains("sandbox") == true)
            #expect(summary.header("Content-Security-Policy")?.contains("frame-ancestors 'self'") == true)

            for path in [
                "\(base)/../../secret.txt", "\(base)/%2e%2e/%2e%2e/secret.txt", "\(base)/..%2F..%2Fsecret.txt",
                "\(base)/logs/passwd", "\(base)/logs/etc/passwd", "\(base)/logs", "\(base)/", "\(base)//etc/passwd",
                "\(base)/%2Fetc%2Fpasswd", "\(base)/logs/%00", "/packets/CHG-0042/..%2F..%2F/files/secret.txt",
            ] {
                let answer = try await board.client.get(path, cookie: cookie)
                #expect(answer.status == 404 || answer.status == 400, "\(path): \(answer.status)")
                #expect(!answer.text.contains("root:") && !answer.text.contains("outside"), "\(path)")
            }
            for method in ["PUT", "DELETE", "POST"] {
                let answer = try await board.client.send(
                    method, "\(base)/summary.html", headers: BoardClient.credentials(cookie: cookie, token: nil))
                #expect(answer.status >= 400, "\(method)")
            }
        }
        #expect(fixture.approvals(fixture.go).isEmpty)
    }

    @Test func theSignInPageNeedsNoSessionAndTheStyleSheetIsTheBoardsOwn() async throws {
        try await RunningBoard.with(fixture.settings()) { board in
            let page = try await board.client.get("/sign-in")
            #expect(page.status == 200)
            #expect(page.text.contains("<form class=\"signin\" method=\"post\" action=\"/sign-in\">"))
            #expect(page.header("Content-Security-Policy") != nil)
            let css = try await board.client.get("/board.css")
            #expect(css.status == 200)
            #expect(css.header("Content-Type") == "text/css; charset=utf-8")
            #expect(try await board.client.get("/").header("Location") == "/sign-in")
        }
    }
}
