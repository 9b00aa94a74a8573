import Foundation
import PatchLabBoard
import PatchLabEvidence
import Testing
import PatchLabTestSupport

/// The board in a real browser (Debian's headless Chromium, driven through chromedriver): a member
/// signs in, opens a packet, picks their private key file, approves, and sees the decision; the page
/// signed the record in the browser (WebCrypto Ed25519), so no request the browser sent holds the
/// key, and the signed record is then in the packet and verifies. Screenshots of the list and the
/// packet page must show a rendered page. Without Chromium or chromedriver the test fails: it does
/// not skip.
@Suite(.serialized, .timeLimit(.minutes(5))) struct BoardBrowserTests {
    @Test func aMemberSignsInOpensAPacketAndApprovesIt() async throws {
        let fixture = try BoardFixture()
        let shots = try TemporaryDirectory("board-shots")
        let keyFile = try TemporaryDirectory("member-key")
        _ = try fixture.keys["dave"]!.write(to: keyFile.path("dave.key"))
        try await RunningBoard.with(fixture.settings(realClock: true)) { board in
            try await WebDriver.with { browser in
                let base = "http://127.0.0.1:\(board.port)"

                try await browser.open("\(base)/packets")
                #expect(try await browser.waitForURL("\(base)/sign-in") == "\(base)/sign-in", "a stranger is sent to sign in")
                try await browser.type("dave", into: "#member")
                try await browser.type(BoardFixture.secret("dave"), into: "#secret")
                try await browser.click("#sign-in")
                let afterSignIn = try await browser.waitForURL("\(base)/packets")
                let signInPage = afterSignIn == "\(base)/packets" ? "" : try await browser.source()
                #expect(afterSignIn == "\(base)/packets", "\(signInPage.prefix(3000))")
                #expect(try await browser.text(of: "header.top .who").contains("Signed in as Dave Example (dave)"))
                let listShot = try await browser.screenshot()
                try listShot.write(to: shots.url.appendingPathComponent("list.png"))
                try expectRendered(shots.url.appendingPathComponent("list.png"))

                try await browser.click("tr[data-change=\"CHG-0042\"] a")
                #expect(try await browser.waitForURL("\(base)\(fixture.go.page)") == "\(base)\(fixture.go.page)")
                #expect(try await browser.attribute("data-verdict", of: "#verdict") == "GO")
                #expect(try await browser.attribute("data-state", of: "#board-state") == "pending")
                // The summary's frame is closed: what follows it on the page is page, not the frame's text.
                #expect(try await browser.text(of: "#summary ~ p a") == "Open the summary on its own")
                let packetShot = try await browser.screenshot()
                try packetShot.write(to: shots.url.appendingPathComponent("packet.png"))
                try expectRendered(shots.url.appendingPathComponent("packet.png"))

                try await browser.click("#decision option[value=\"approve-with-conditions\"]")
                try await browser.type("deploy in window 3", into: "#conditions")
                try await browser.type("Rollback proven on both machines.", into: "#comment")
                // The script has checked the browser signs Ed25519 and enabled the form.
                #expect(
                    try await browser.waitForAttribute("data-ready", of: "#decision-form", toBe: "yes") == "yes",
                    "the decision script did not start (CSP, or no Ed25519 in this Chromium)")
                try await browser.type(keyFile.path("dave.key"), into: "#key_file")
                try await browser.click("#submit-decision")

                let afterDecision = try await browser.waitForURL("\(base)\(fixture.go.page)#decisions")
                let decisionPage = afterDecision == "\(base)\(fixture.go.page)#decisions" ? "" : try await browser.source()
                #expect(afterDecision == "\(base)\(fixture.go.page)#decisions", "\(decisionPage.prefix(3000))")
                #expect(try await browser.attribute("data-state", of: "#board-state") == "approved")
                let row = try await browser.text(of: "tr[data-approver=\"dave\"]")
                #expect(row.contains("approve-with-conditions") && row.contains("Conditions: deploy in window 3"), "\(row)")
                let keyBody = fixture.keys["dave"]!.pem.split(separator: "\n")[1]
                #expect(!(try await browser.source()).contains(keyBody), "the key is not on the page")

                // Everything the browser sent: the draft and the signed record went, and the key never did.
                let sent = try await browser.sentRequests()
                let posts = sent.filter { $0.method == "POST" }
                #expect(
                    posts.contains {
                        $0.url.hasSuffix("\(fixture.go.api)/decision-drafts") && $0.body?.contains("approve-with-conditions") == true
                    },
                    "\(posts.map(\.url))")
                #expect(
                    posts.contains { $0.url.hasSuffix("\(fixture.go.api)/decisions") && $0.body?.contains("\"signatures\"") == true },
                    "\(posts.map(\.url))")
                #expect(sent.count >= 5, "the log saw only \(sent.count) requests")
                let secrets = Self.keyMaterial(fixture.keys["dave"]!)
                for request in sent {
                    #expect(!request.bodyUnseen, "\(request.method) \(request.url): a body the log did not carry")
                    let everything = ([request.url, request.body ?? ""] + request.headers.map { "\($0.key): \($0.value)" }).joined(
                        separator: "\n")
                    for secret in secrets {
                        #expect(!everything.contains(secret), "\(request.method) \(request.url) carried the private key")
                    }
                }
                // Guest output in the packet never ran.
                #expect(!(try await browser.title()).contains("PWNED"))
            }
        }

        #expect(fixture.approvals(fixture.go) == ["001-dave-approve-with-conditions.intoto.json"])
        let status = try ApprovalDesk(board: fixture.board, trustedKeys: fixture.trusted).status(of: fixture.go.folder)
        #expect(status.state == .approved)
        #expect(status.records.first?.approver == "dave")
        #expect(status.records.first?.conditions == "deploy in window 3")
        #expect(try PacketVerifier(trustedKeys: fixture.trusted, board: fixture.board).verify(fixture.go.folder).isIntact)
    }

    /// Every form of the private key a request could carry: the PEM's base64 lines, the whole DER in
    /// base64 and base64url, and the 32-byte seed in base64, base64url and hex.
    static func keyMaterial(_ key: SigningKey) -> [String] {
        let pem = key.pem
        let lines = pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.map(String.init)
        let der = Data(base64Encoded: lines.joined())!
        let seed = der.suffix(32)
        func url(_ text: String) -> String {
            text.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        }
        let forms =
            lines + [
                der.base64EncodedString(), url(der.base64EncodedString()), seed.base64EncodedString(),
                url(seed.base64EncodedString()), seed.map { String(format: "%02x", $0) }.joined(),
            ]
        // URL-encoded bodies would escape '+', '/' and '='; the parts between them are long enough to match.
        return forms + forms.flatMap { $0.split(whereSeparator: { "+/=".contains($0) }).map(String.init).filter { $0.count >= 16 } }
    }

    /// A page with text, tables and coloured banners has many colours over much of its area; a blank
    /// one has one.
    func expectRendered(_ png: URL) throws {
        // PATCHLAB_BOARD_SHOTS=folder keeps the screenshots, to look at them.
        if let keep = ProcessInfo.processInfo.environment["PATCHLAB_BOARD_SHOTS"] {
            try? FileManager.default.copyItem(at: png, to: URL(fileURLWithPath: keep).appendingPathComponent(png.lastPathComponent))
        }
        let pixels = try PNGPixels.decode(png)
        #expect(pixels.width >= 800 && pixels.height >= 600, "\(pixels)")
        #expect(pixels.distinctColours > 50, "\(png.lastPathComponent): \(pixels)")
        #expect(pixels.nonBackgroundPixels > pixels.width * pixels.height / 50, "\(png.lastPathComponent): \(pixels)")
    }
}
