import Foundation
import PatchLabBoard
import PatchLabEvidence
import Testing
import PatchLabTestSupport

/// The board in a real browser (Debian's headless Chromium, driven through chromedriver): a member
/// signs in, opens a packet, approves it with their own key, and sees the decision; the signed
/// record is then in the packet and verifies. Screenshots of the list and the packet page must show
/// a rendered page. Without Chromium or chromedriver the test fails: it does not skip.
@Suite(.serialized, .timeLimit(.minutes(5))) struct BoardBrowserTests {
    @Test func aMemberSignsInOpensAPacketAndApprovesIt() async throws {
        let fixture = try BoardFixture()
        let shots = try TemporaryDirectory("board-shots")
        try await RunningBoard.with(fixture.settings()) { board in try await WebDriver.with { browser in
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
            let packetShot = try await browser.screenshot()
            try packetShot.write(to: shots.url.appendingPathComponent("packet.png"))
            try expectRendered(shots.url.appendingPathComponent("packet.png"))

            try await browser.click("#decision option[value=\"approve-with-conditions\"]")
            try await browser.type("deploy in window 3", into: "#conditions")
            try await browser.type("Rollback proven on both machines.", into: "#comment")
            try await browser.type(fixture.keys["dave"]!.pem, into: "#private_key")
            try await browser.click("#submit-decision")

            let afterDecision = try await browser.waitForURL("\(base)\(fixture.go.page)#decisions")
            let decisionPage = afterDecision == "\(base)\(fixture.go.page)#decisions" ? "" : try await browser.source()
            #expect(afterDecision == "\(base)\(fixture.go.page)#decisions", "\(decisionPage.prefix(3000))")
            #expect(try await browser.attribute("data-state", of: "#board-state") == "approved")
            let row = try await browser.text(of: "tr[data-approver=\"dave\"]")
            #expect(row.contains("approve-with-conditions") && row.contains("Conditions: deploy in window 3"), "\(row)")
            let keyBody = fixture.keys["dave"]!.pem.split(separator: "\n")[1]
            #expect(!(try await browser.source()).contains(keyBody), "the key is not on the page")
            // Guest output in the packet never ran.
            #expect(!(try await browser.title()).contains("PWNED"))
        } }

        #expect(fixture.approvals(fixture.go) == ["001-dave-approve-with-conditions.intoto.json"])
        let status = try ApprovalDesk(board: fixture.board, trustedKeys: fixture.trusted).status(of: fixture.go.folder)
        #expect(status.state == .approved)
        #expect(status.records.first?.approver == "dave")
        #expect(status.records.first?.conditions == "deploy in window 3")
        #expect(try PacketVerifier(trustedKeys: fixture.trusted, board: fixture.board).verify(fixture.go.folder).isIntact)
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
