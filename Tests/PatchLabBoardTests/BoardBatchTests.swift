import Foundation
import PatchLabBoard
import PatchLabTestSupport
import Testing

/// A batch's packet on the board: the page says which patches are safe to go and which is the
/// culprit, right under the verdict; the API gives the same per patch.
@Suite struct BoardBatchTests {
    @Test func thePacketPageShowsWhichPatchesAreSafe() async throws {
        let fixture = try BoardFixture()
        let batch = try fixture.addBatch()
        try await RunningBoard.with(fixture.settings()) { board in
            let (cookie, _) = try await board.signIn("alice")
            let page = try await board.client.get(batch.page, cookie: cookie)
            #expect(page.status == 200)
            let text = page.text
            #expect(text.contains("<p id=\"safe-patches\" data-safe=\"libssh2,xz-utils,expat\">Safe to go: libssh2, xz-utils, expat.</p>"))
            #expect(text.contains("<tr data-patch=\"nginx-broken-config\" data-state=\"culprit\">"))
            #expect(text.contains("<td class=\"state culprit\">CULPRIT</td>"))
            #expect(text.contains("bisection: culprit patch nginx-broken-config (3 subset runs, 3 reverts)"))
            // Right under the verdict, before the board's decisions.
            let order = ["id=\"verdict\"", "id=\"patch-verdicts\"", "id=\"decisions\""].map { text.range(of: $0)?.lowerBound }
            #expect(order.allSatisfy { $0 != nil } && order[0]! < order[1]! && order[1]! < order[2]!)
            #expect(text.contains("data-intact=\"yes\""), "the batch's packet verifies on the board")

            let api = try await board.client.get(batch.api, token: try await board.apiSignIn("alice").token)
            let patches = try #require(try api.json()["patches"] as? [[String: Any]])
            #expect(patches.map { $0["patch"] as? String } == BatchFixtures.patches)
            #expect(patches.map { $0["state"] as? String } == ["safe", "safe", "safe", "culprit"])
            // A change of one patch has no patches table.
            let single = try await board.client.get(fixture.go.page, cookie: cookie)
            #expect(!single.text.contains("patch-verdicts"))
            #expect(try await board.client.get(fixture.go.api, token: try await board.apiSignIn("alice").token).json()["patches"] == nil)
        }
    }
}
