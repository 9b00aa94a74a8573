import Foundation
import PatchLabBoard
@testable import PatchLabEvidence
import PatchLabTestSupport
import Testing

/// `patchlab approve CHANGE/RUN --board URL`: the real executable signs in to a live board, gets the
/// draft, signs it with the member's key on this side, and files only the signed record.
@Suite struct ApproveThroughBoardTests {
    @Test func theCommandSignsLocallyAndFilesTheRecordThroughTheAPI() async throws {
        let fixture = try BoardFixture()
        let cli = PatchlabBinary()
        defer { cli.cleanUp() }
        let daveKey = try cli.write("dave.key", fixture.keys["dave"]!.pem)
        let aliceKey = try cli.write("alice.key", fixture.keys["alice"]!.pem)
        try await RunningBoard.with(fixture.settings(realClock: true)) { board in
            let url = "http://127.0.0.1:\(board.port)"
            let packet = "\(fixture.go.change)/\(fixture.go.run)"
            let secret = ["PATCHLAB_BOARD_SECRET": BoardFixture.secret("dave")]

            // Not dave's key: refused before anything is signed, nothing written.
            let wrong = try await cli.runDetached(
                ["approve", packet, "--board", url, "--as", "dave", "--key", aliceKey, "--decision", "approve"],
                environment: secret)
            #expect(wrong.status == 1)
            #expect(wrong.stderr.contains("is not the key the board registers for dave"), "\(wrong.stderr)")
            #expect(fixture.approvals(fixture.go).isEmpty)

            let ok = try await cli.runDetached(
                [
                    "approve", packet, "--board", url, "--as", "dave", "--key", daveKey, "--decision", "approve",
                    "--conditions", "window 3",
                ], environment: secret)
            #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
            #expect(ok.stdout.contains("recorded approve-with-conditions by dave"), "\(ok.stdout)")
            #expect(ok.stdout.contains("approved"), "\(ok.stdout)")

            // The desk's rules hold through the command as through the page: no second decision.
            let again = try await cli.runDetached(
                ["approve", packet, "--board", url, "--as", "dave", "--key", daveKey, "--decision", "approve"],
                environment: secret)
            #expect(again.status == 1)
            #expect(again.stderr.contains("already decided"), "\(again.stderr)")

            let wrongSecret = try await cli.runDetached(
                ["approve", packet, "--board", url, "--as", "dave", "--key", daveKey, "--decision", "approve"],
                environment: ["PATCHLAB_BOARD_SECRET": "nope"])
            #expect(wrongSecret.status == 1)
            #expect(wrongSecret.stderr.contains("401"), "\(wrongSecret.stderr)")
        }
        #expect(fixture.approvals(fixture.go) == ["001-dave-approve-with-conditions.intoto.json"])
        let verification = try PacketVerifier(trustedKeys: fixture.trusted, board: fixture.board).verify(fixture.go.folder)
        #expect(verification.isIntact, "\(verification.problems)")
        #expect(verification.approvals?.counted.first?.conditions == "window 3")
    }
}
