import Foundation
import PatchLabBoard
import PatchLabEvidence
import PatchLabTestSupport
import Testing

/// The board lists and serves a packet's evidence only: files its signed manifest lists, and approval
/// records that check out. A file added after signing, a hidden one, a stray in `approvals/` or a
/// twin of a listed name in other Unicode is neither listed (page or API) nor served.
@Suite struct BoardEvidenceFileTests {
    let fixture: BoardFixture

    init() throws { fixture = try BoardFixture() }

    /// Packet-relative paths of files planted in the GO packet after it was signed.
    static let strays = [
        ".index.html", "logs/.hidden.log", "logs/added-after-signing.log", "approvals/.note.html",
        "approvals/sub/001-alice-approve.intoto.json", "approvals/notes.html",
    ]

    @Test func filesThatAreNotEvidenceAreNeitherListedNorServed() async throws {
        for stray in Self.strays {
            let path = "\(fixture.go.folder)/\(stray)"
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try "<html><body>planted: \(stray)</body></html>\n".write(toFile: path, atomically: false, encoding: .utf8)
        }
        let listed = "logs/caf\u{E9}.log", twin = "logs/cafe\u{301}.log"
        try SignedPacketFile.add(listed, Data("signed\n".utf8), to: fixture.go.folder, signer: fixture.signer)
        try "planted twin\n".write(toFile: "\(fixture.go.folder)/\(twin)", atomically: false, encoding: .utf8)

        try await RunningBoard.with(fixture.settings()) { board in
            let (cookie, _) = try await board.signIn("alice")
            let page = try await board.client.get(fixture.go.page, cookie: cookie)
            #expect(page.status == 200)
            #expect(page.text.contains("data-intact=\"no\""), "the strays make the packet fail verification")
            for stray in Self.strays {
                #expect(!page.text.contains("files/\(stray)"), "\(stray) is listed on the page")
                let answer = try await board.client.get("\(fixture.go.page)/files/\(stray)", cookie: cookie)
                #expect(answer.status == 404, "\(stray): \(answer.status)")
                #expect(!answer.text.contains("planted"), "\(stray)")
            }
            let detail = try await board.client.get(fixture.go.api, token: try await board.apiSignIn("alice").token)
            let files = try #require(try detail.json()["files"] as? [String])
            #expect(Set(files).isDisjoint(with: Self.strays))
            #expect(files.contains("summary.html") && files.contains("manifest.json") && files.contains("logs/harness.log"))

            // The listed name is served; its twin, spelled with a combining accent, is not.
            let plain = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._")
            let encoded = { (path: String) in
                path.split(separator: "/").map { String($0).addingPercentEncoding(withAllowedCharacters: plain)! }.joined(separator: "/")
            }
            let signed = try await board.client.get("\(fixture.go.page)/files/\(encoded(listed))", cookie: cookie)
            #expect(signed.status == 200)
            #expect(signed.text == "signed\n")
            let planted = try await board.client.get("\(fixture.go.page)/files/\(encoded(twin))", cookie: cookie)
            #expect(planted.status == 404)
            #expect(!planted.text.contains("planted"))
            #expect(files.filter { $0 == listed }.map { Array($0.utf8) } == [Array(listed.utf8)], "only the signed spelling is listed")
        }
    }

    /// A packet whose manifest no trusted key signed has no evidence to show: not even its summary.
    @Test func aPacketSignedByAnUntrustedKeyServesNothing() async throws {
        let settings = BoardSettings(
            evidence: fixture.evidence, board: fixture.board, trustedKeys: TrustedKeys([SigningKey.generate().publicKey]),
            host: "127.0.0.1", port: 0, sessionLifetime: BoardSettings.defaultSessionLifetime,
            now: { [clock = fixture.clock] in clock.now })
        try await RunningBoard.with(settings) { board in
            let (cookie, _) = try await board.signIn("alice")
            #expect(try await board.client.get("\(fixture.go.page)/files/summary.html", cookie: cookie).status == 404)
            #expect(try await board.client.get("\(fixture.go.page)/files/logs/harness.log", cookie: cookie).status == 404)
            let detail = try await board.client.get(fixture.go.api, token: try await board.apiSignIn("alice").token)
            #expect(try detail.json()["files"] as? [String] == [])
        }
    }
}
