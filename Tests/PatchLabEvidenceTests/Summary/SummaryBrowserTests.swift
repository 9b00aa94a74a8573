import Foundation
import Testing
import PatchLabModel
@testable import PatchLabEvidence
import PatchLabTestSupport

/// The summary page in a real browser (Debian's Chromium, headless): guest output that would take
/// over the page if it ran must show as text, and the page must actually render. Chromium is
/// required: without it the test fails, because a page no browser has opened is not tested.
@Suite(.serialized) struct SummaryBrowserTests {
    static let timeout = Duration.seconds(120)

    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("summary-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func chromium() throws -> String {
        try #require(
            ToolProcess.find(["chromium", "chromium-browser"]),
            "Chromium is required for this test and was not found (apt-get install chromium)")
    }

    /// Chromium with a fresh profile in the test's own folder, so no earlier run or other test
    /// shares its state.
    func browse(_ page: URL, _ arguments: [String], profile: String) throws -> ToolProcess.Outcome {
        let flags = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--user-data-dir=\(folder.appendingPathComponent(profile).path)",
        ]
        return try ToolProcess.run(try chromium(), flags + arguments + [page.absoluteString], timeout: Self.timeout)
    }

    @Test func hostileGuestOutputShowsAsTextAndThePageRenders() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let overview = SummaryFixtures.noGo(guestOutput: SummaryFixtures.attack)
        let page = folder.appendingPathComponent("summary.html")
        try PacketSummaryHTML.render(overview).write(to: page, atomically: true, encoding: .utf8)

        let dump = try browse(page, ["--dump-dom"], profile: "profile-dom")
        #expect(!dump.timedOut && dump.status == 0, "\(dump.summary)")
        let dom = dump.stdoutText
        // The page is what was written: title, heading, verdict banner, rollback proof.
        #expect(
            dom.contains("<title>NO-GO · CHG-0042: Update nginx-light &lt;b&gt;now&lt;/b&gt; | security</title>"), "\(dom.prefix(3000))")
        #expect(dom.contains("<h1>CHG-0042: Update nginx-light &lt;b&gt;now&lt;/b&gt; | security</h1>"))
        #expect(dom.contains("data-verdict=\"NO-GO\""))
        #expect(dom.contains("<p class=\"verdict\">NO-GO</p>"))
        #expect(dom.contains("Rollback proven: NO"))
        #expect(dom.contains("Files of this packet"))
        // The attack is there, as text, and did nothing.
        #expect(dom.contains("&lt;script&gt;document.title='PWNED';document.body.innerHTML='PWNED'&lt;/script&gt;"))
        #expect(dom.contains("&lt;img src=x onerror=\"document.title='PWNED'"))
        #expect(!dom.contains("<title>PWNED") && !dom.contains("<body>PWNED"))
        #expect(!dom.lowercased().contains("<script") && !dom.lowercased().contains("<img"))
        #expect(
            dom.components(separatedBy: "<section").count == PacketSummaryHTML.render(overview).components(separatedBy: "<section").count)
        #expect(PacketSummaryHTML.statedVerdict(in: dom) == "NO-GO")

        let shot = folder.appendingPathComponent("shot.png")
        let capture = try browse(
            page, ["--screenshot=\(shot.path)", "--window-size=1280,2000", "--hide-scrollbars"],
            profile: "profile-shot")
        #expect(!capture.timedOut && capture.status == 0, "\(capture.summary)")
        let pixels = try PNGPixels.decode(shot)
        #expect(pixels.width == 1280 && pixels.height == 2000)
        // Text, the red banner and tables give hundreds of colours; a blank page gives one.
        #expect(pixels.distinctColours > 50, "\(pixels)")
        #expect(pixels.nonBackgroundPixels > 1280 * 2000 / 50, "\(pixels)")

        // The same decoder on a blank page, so "not blank" above means something.
        let blank = folder.appendingPathComponent("blank.html")
        try "<!DOCTYPE html><html><head><title>b</title></head><body></body></html>".write(to: blank, atomically: true, encoding: .utf8)
        let blankShot = folder.appendingPathComponent("blank.png")
        let blankCapture = try browse(
            blank, ["--screenshot=\(blankShot.path)", "--window-size=1280,2000", "--hide-scrollbars"],
            profile: "profile-blank")
        #expect(!blankCapture.timedOut && blankCapture.status == 0, "\(blankCapture.summary)")
        let blankPixels = try PNGPixels.decode(blankShot)
        #expect(blankPixels.distinctColours <= 2 && blankPixels.nonBackgroundPixels == 0, "\(blankPixels)")
    }
}
