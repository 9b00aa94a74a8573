import Foundation
import Testing
import PatchLabModel
@testable import PatchLabEvidence
#if canImport(FoundationXML)
    import FoundationXML
    import PatchLabTestSupport
#endif

@Suite struct HTMLReportTests {
    let runs = SampleRuns.all()
    var html: String { HTMLReport.render(runs) }

    /// The page is strict XML too, so a parser sees exactly the elements a browser would.
    func document(_ runs: [PlanRunResult]? = nil) throws -> XMLDocument {
        try XMLSupport.parse(HTMLReport.render(runs ?? self.runs))
    }

    @Test func noScriptCanRun() throws {
        let page = try document()
        #expect(try page.nodes(forXPath: "//script").isEmpty)
        #expect(!html.lowercased().contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&lt;script&gt;alert(2)&lt;/script&gt;"))
        #expect(!html.contains("<b>"))
        // No event handler or javascript: URL anywhere.
        let attributes = try page.nodes(forXPath: "//@*")
        #expect(!attributes.contains { ($0.name ?? "").lowercased().hasPrefix("on") })
        #expect(!attributes.contains { ($0.stringValue ?? "").lowercased().contains("javascript:") })
    }

    @Test func guestOutputReadsAsTextWithEscapesVisible() throws {
        let page = try document()
        let pre = try page.nodes(forXPath: "//pre").map { $0.stringValue ?? "" }
        let visible = "<script>alert(1)</script> ]]> \"&' ␛[31mred␛[0m nul:␀: a|b ```fence``` `tick`\nsecond line\n"
        #expect(pre == [visible, "curl: (22) 502 <b>bad</b>\n", "Server: nginx/1.22.1\n", "partial ␛[2Kout", visible])
        #expect(html.contains("␛[31mred␛[0m"))
        #expect(!html.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test func declaresAPolicyThatForbidsScriptsAndLoading() throws {
        let metas = try document().nodes(forXPath: "/html/head/meta[@http-equiv='Content-Security-Policy']")
        #expect(metas.count == 1)
        let policy = try #require((metas.first as? XMLElement)?.attribute("content"))
        #expect(policy.hasPrefix("default-src 'none'; style-src 'unsafe-inline'; img-src data:"))
        #expect(!policy.contains("script-src"))
        #expect(try document().nodes(forXPath: "/html/head/meta[@charset='utf-8']").count == 1)
    }

    @Test func loadsNothingFromAnywhere() throws {
        let page = try document()
        #expect(try page.nodes(forXPath: "//link | //iframe | //img | //object | //embed | //base | //form").isEmpty)
        #expect(try page.nodes(forXPath: "//@src").isEmpty)
        let links = try page.nodes(forXPath: "//@href").map { $0.stringValue ?? "" }
        #expect(!links.isEmpty)
        #expect(links.allSatisfy { $0.hasPrefix("#") }, "\(links)")
        // Every in-page link has its target.
        let ids = Set(try page.nodes(forXPath: "//@id").compactMap(\.stringValue))
        #expect(links.allSatisfy { ids.contains(String($0.dropFirst())) })
        let style = try page.nodes(forXPath: "//style").map { $0.stringValue ?? "" }.joined()
        #expect(!style.contains("url(") && !style.contains("@import"))
        // Guest text may mention URLs (an http expectation here); none is markup.
        let markup = html.split(separator: "<").map { $0.prefix { $0 != ">" } }
        #expect(!markup.contains { $0.contains("http://") || $0.contains("https://") })
    }

    @Test(arguments: [(Verdict.noGo, "NO-GO"), (.go, "GO"), (.goWithWarnings, "GO WITH WARNINGS")])
    func bannerShowsTheVerdict(verdict: Verdict, title: String) throws {
        let runs: [PlanRunResult]
        switch verdict {
        case .noGo: runs = SampleRuns.all()
        case .go: runs = [SampleRuns.baseline()]
        case .goWithWarnings: runs = [SampleRuns.warnings()]
        }
        let banner = try #require(try document(runs).nodes(forXPath: "//header[@role='status']").first as? XMLElement)
        #expect(banner.attribute("class") == "banner \(verdict.rawValue)")
        #expect(try banner.nodes(forXPath: "p[@class='verdict']").first?.stringValue == title)
        // The colour comes from the class; the style sheet must define it.
        #expect(HTMLStyle.css.contains(".\(verdict.rawValue) {"))
    }

    @Test func countsAndEachCaseWithExpectedAndActual() throws {
        let page = try document()
        let counts = try page.nodes(forXPath: "//header//li").compactMap(\.stringValue)
        #expect(counts == ["8 cases", "3 passed", "1 failed", "1 error", "1 skipped", "1 waived", "1 timed out"])
        let rows = try page.nodes(forXPath: "//section[@id='run-2']//table[@class='cases']/tbody/tr")
        #expect(rows.count == 7)
        let states = try page.nodes(forXPath: "//section[@id='run-2']//table[@class='cases']/tbody/tr/td[5]").compactMap(\.stringValue)
        #expect(states == ["PASSED", "PASSED", "FAILED", "ERROR", "SKIPPED", "WAIVED", "TIMED OUT"])

        let failed = try #require(try page.nodes(forXPath: "//article[@id='run-2-case-3']").first)
        let outcomes = try failed.nodes(forXPath: ".//table[@class='outcomes']/tbody/tr").map { row in
            try row.nodes(forXPath: "td").map { $0.stringValue ?? "" }
        }
        #expect(outcomes.count == 2)
        #expect(outcomes[1] == ["not met", "GET http://127.0.0.1/ answers status 200", "it answered status 502 | Bad Gateway"])
        #expect(outcomes[0][1] == "stdout contains \"Welcome to nginx!\"")
        #expect(outcomes[0][2].hasPrefix("stdout was \"<script>alert(1)</script>"))
        let articles = try page.nodes(forXPath: "//article").compactMap { ($0 as? XMLElement)?.attribute("class") }
        #expect(articles == ["case failed", "case error", "case skipped", "case waived", "case timed-out"])
        let waived = try page.nodes(forXPath: "//article[@class='case waived']//dd").compactMap(\.stringValue)
        #expect(waived.contains("waived: Known issue INC-42 | fixed in 1.23 (expires 2026-12-31, approved by CAB)"))
        let facts = try page.nodes(forXPath: "//section[@id='run-2']/dl/dd").compactMap(\.stringValue)
        #expect(facts.contains("run-20260101-100000-ab12") && facts.contains("demo") && facts.contains("post-patch"))
    }

    @Test func isDeterministic() {
        #expect(HTMLReport.render(runs) == HTMLReport.render(runs))
    }
}
