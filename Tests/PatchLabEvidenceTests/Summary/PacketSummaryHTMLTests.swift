import Foundation
import Testing
import PatchLabModel
@testable import PatchLabEvidence
#if canImport(FoundationXML)
    import FoundationXML
    import PatchLabTestSupport
#endif

@Suite struct PacketSummaryHTMLTests {
    let overview = SummaryFixtures.noGo()
    var html: String { PacketSummaryHTML.render(overview) }

    func document(_ overview: PacketOverview? = nil) throws -> XMLDocument {
        try XMLSupport.parse(PacketSummaryHTML.render(overview ?? self.overview))
    }

    func texts(_ xpath: String, in page: XMLDocument) throws -> [String] {
        try page.nodes(forXPath: xpath).map { $0.stringValue ?? "" }
    }

    @Test func parsesAsXML() throws {
        for overview in [SummaryFixtures.noGo(), SummaryFixtures.go()] {
            let page = try document(overview)
            #expect(page.rootElement()?.name == "html")
            #expect(try page.nodes(forXPath: "/html/body/h1").count == 1)
        }
    }

    @Test func statesTheVerdictProminentlyWithEveryReason() throws {
        let page = try document()
        let banner = try #require(try page.nodes(forXPath: "/html/body/header[@data-verdict]").first as? XMLElement)
        #expect(banner.attribute("data-verdict") == "NO-GO")
        #expect(banner.attribute("class") == "banner no-go")
        #expect(try texts("p[@class='verdict']", in: XMLDocument(rootElement: banner.copy() as? XMLElement)) == ["NO-GO"])
        let reasons = try texts("/html/body/header//ul[@class='reasons']/li", in: page)
        #expect(reasons == SummaryFixtures.reasons)
        #expect(try texts("/html/head/meta[@name='patchlab:verdict']/@content", in: page) == ["NO-GO"])
        #expect(try texts("/html/head/title", in: page).first?.hasPrefix("NO-GO · CHG-0042: ") == true)

        let go = try document(SummaryFixtures.go())
        #expect(try texts("/html/body/header/@data-verdict", in: go) == ["GO"])
        #expect(try texts("/html/body/header//li", in: go).isEmpty)
    }

    @Test func showsTheChangeAndWhoRanIt() throws {
        let facts = try texts("//section[@id='change']/dl/dt | //section[@id='change']/dl/dd", in: try document())
        for expected in [
            "CHG-0042", "Update nginx-light <b>now</b> | security", "normal", "high",
            "DSA-5678-1: nginx <script>alert('reason')</script>", "alice@example.com", "bob@lab-host",
            "lab-host.example.com", "run-20260101-100000-ab12", "ed25519:ab12cd34", "patchlab 0.4.0",
        ] {
            #expect(facts.contains(expected), "\(expected)")
        }
    }

    @Test func showsTheRollbackProofWithDifferencesPerMachine() throws {
        let page = try document()
        let proof = try #require(try page.nodes(forXPath: "//section[@id='rollback']/p[@data-rollback-proven]").first as? XMLElement)
        #expect(proof.attribute("data-rollback-proven") == "no")
        #expect(proof.stringValue == "Rollback proven: NO")
        let section = try texts("//section[@id='rollback']", in: page).joined()
        #expect(section.contains("run-20260101-100000-ab12-pre-CHG-0042"))
        let reasons = try texts("//section[@id='rollback']/ul/li", in: page)
        #expect(reasons.contains("web-01: package nginx-light upgraded 1.22.1-9+deb12u9 → 1.22.1-9+deb12u11"))
        #expect(reasons.contains("WEB-002 on web-01: passed at baseline, failed after rollback"))
        #expect(try texts("//section[@id='rollback']/h4", in: page) == ["web-01 (mirrors prod-web-01.example.com)"])
        #expect(
            try texts("//section[@id='rollback']/h4/following-sibling::ul[1]/li", in: page)
                == ["package nginx-light upgraded 1.22.1-9+deb12u9 → 1.22.1-9+deb12u11", "file /etc/nginx/<evil>|conf changed"])

        let go = try document(SummaryFixtures.go())
        #expect(try texts("//section[@id='rollback']/p[@data-rollback-proven]/@data-rollback-proven", in: go) == ["yes"])
        #expect(try texts("//section[@id='rollback']/p[contains(@class, 'proof')]", in: go) == ["Rollback proven: YES"])
    }

    @Test func showsThePatchFilesWithDigestsAndTheOutcomePerMachine() throws {
        let page = try document()
        let row = try texts("//table[@class='patch-files']/tbody/tr/td", in: page)
        #expect(
            row == [
                "nginx-light_1.22.1-9+deb12u11_all.deb", "/var/tmp/patchlab/CHG-0042/nginx-light_1.22.1-9+deb12u11_all.deb",
                SummaryFixtures.digest, "1.2 MiB (1234567 bytes)",
            ])
        #expect(
            try texts("//section[@id='patch']/pre[1]", in: page)
                == ["dpkg -i /var/tmp/patchlab/CHG-0042/*.deb && systemctl restart nginx"])
        let outcomes = try page.nodes(forXPath: "//table[@class='patch-outcomes']/tbody/tr").compactMap { $0 as? XMLElement }
        #expect(outcomes.count == 2)
        let failed = try texts("td", in: XMLDocument(rootElement: outcomes[1].copy() as? XMLElement))
        #expect(
            failed.prefix(5) == [
                "web-02 (mirrors prod-web-02.example.com)", "FAILED", "1", "yes",
                "dpkg failed: <script>alert('message')</script>",
            ])
        let links = try texts("//table[@class='patch-outcomes']/tbody/tr[2]//a/@href", in: page)
        #expect(links == ["logs/patch/web-02/stderr", "logs/patch/web-02/stdout"])
    }

    @Test func showsTheMachinesAndWhatTheyMirror() throws {
        let page = try document()
        let rows = try page.nodes(forXPath: "//table[@class='machines']/tbody/tr").map { row in
            try texts("td", in: XMLDocument(rootElement: (row as! XMLElement).copy() as? XMLElement))
        }
        #expect(
            rows == [
                ["web-02", "prod-web-02.example.com", "web", "high", "local (qemu:///system)", "install failed"],
                ["web-01", "prod-web-01.example.com", "web", "pilot", "local (qemu:///system)", "yes"],
            ])
        // Phased: the pilot goes first.
        #expect(try texts("//section[@id='machines']/p", in: page).last?.contains("web-01 → web-02") == true)

        var withoutLab = overview
        withoutLab.lab = nil
        let bare = try document(withoutLab)
        #expect(try texts("//table[@class='machines']/tbody/tr/td[1]", in: bare) == ["web-01", "web-02"])
        #expect(try texts("//table[@class='machines']/tbody/tr/td[2]", in: bare) == ["unknown", "unknown"])
        #expect(try texts("//section[@id='machines']/p", in: bare).first?.contains("could not be read") == true)
    }

    @Test func showsEveryPhaseWithCountsAndEachCaseThatDidNotPass() throws {
        let page = try document()
        #expect(
            try texts("//section[@class='phase']/@id", in: page)
                == ["phase-baseline", "phase-post-patch", "phase-post-rollback", "phase-rollback-verify"])
        let postPatch = "//section[@id='phase-post-patch']"
        // WEB: 2 passed, 1 failed, 1 error, 1 skipped, 1 waived, 1 timed out.
        #expect(
            try texts("\(postPatch)/table[@class='runs']/tbody/tr/td", in: page)
                == ["WEB", "Web tier acceptance <test>", "1.0", "NO-GO", "2", "1", "1", "1", "1", "1", "42.5 s"])
        let cases = try texts("\(postPatch)/article/h4", in: page)
        #expect(cases.count == 5)
        #expect(cases.first == "WEB-002 on web-01: Home page | welcome — FAILED")
        let expected = try texts("\(postPatch)/article[1]/table[@class='outcomes']/tbody/tr/td[2]", in: page)
        let actual = try texts("\(postPatch)/article[1]/table[@class='outcomes']/tbody/tr/td[3]", in: page)
        #expect(expected == ["stdout contains \"Welcome to nginx!\"", "GET http://127.0.0.1/ answers status 200"])
        #expect(actual.last == "it answered status 502 | Bad Gateway")
        #expect(
            try texts("\(postPatch)/article[1]//a/@href", in: page)
                == [
                    "logs/post-patch/WEB/WEB-002@web-01/attempt-1/stdout", "logs/post-patch/WEB/WEB-002@web-01/attempt-2/stderr",
                    "logs/post-patch/WEB/WEB-002@web-01/attempt-2/stdout",
                ])
        #expect(try texts("//section[@id='phase-baseline']/p", in: page) == ["Every case passed."])
    }

    @Test func showsWhatThePatchChangedAndTheTimings() throws {
        let page = try document()
        let changes = try texts("//section[@id='patch-changes']/ul/li", in: page)
        #expect(
            changes == [
                "package nginx-light upgraded 1.22.1-9+deb12u9 → 1.22.1-9+deb12u11",
                "service nginx.service active state active → failed", "port tcp/80 closed",
                "package nginx-light state installed → half-configured",
            ])
        #expect(
            try texts("//table[@class='timings']/tbody/tr/td[1]", in: page)
                == ["lab", "baseline", "baseline fingerprint", "snapshot", "patch", "post-patch", "rollback", "post-rollback"])
        #expect(try texts("//table[@class='timings']/tbody/tr[2]/td[4]", in: page) == ["29.5 s"])
    }

    @Test func linksEveryFileByFolderWithRelativeLinksOnly() throws {
        let page = try document()
        #expect(
            try texts("//section[@id='files']/h3", in: page)
                == [
                    "Top of the packet", "results/", "logs/", "fingerprints/", "plans/", "lab/", "attestations/",
                    "Not linked: paths outside the packet",
                ])
        let links = try texts("//section[@id='files']//a/@href", in: page)
        // Every safe file has its link; the odd name is percent-encoded; nothing leaves the packet.
        #expect(links.contains("logs/odd/a%20b%7Cc%3Cd%3E%28e%29.txt"))
        #expect(links.contains("attestations/rehearsal.intoto.json"))
        #expect(links.contains("javascript%3Aalert%281%29"))
        #expect(links.count == SummaryFixtures.files.count - 2)
        #expect(!links.contains { $0.contains("..") || $0.hasPrefix("/") || $0.contains(":") })
        let shown = try texts("//section[@id='files']//li", in: page)
        #expect(shown.contains("javascript:alert(1)") && shown.contains("../outside") && shown.contains("/etc/passwd"))
    }

    @Test func guestOutputReadsAsText() throws {
        let page = try document()
        let visible = "<script>alert(1)</script> ]]> \"&' ␛[31mred␛[0m nul:␀: a|b ```fence``` `tick`\nsecond line\n"
        let pre = try texts("//section[@id='patch']/pre", in: page)
        #expect(pre.dropFirst().elementsEqual([visible, visible]), "\(pre)")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("␛[31mred␛[0m"))
        #expect(!html.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test func holdsNoScriptAndLoadsNothing() throws {
        let page = try document()
        #expect(try page.nodes(forXPath: "//script | //link | //iframe | //img | //object | //embed | //base | //form").isEmpty)
        #expect(!html.lowercased().contains("<script"))
        #expect(try page.nodes(forXPath: "//@src").isEmpty)
        let attributes = try page.nodes(forXPath: "//@*")
        #expect(!attributes.contains { ($0.name ?? "").lowercased().hasPrefix("on") })
        let hrefs = try texts("//@href", in: page)
        #expect(!hrefs.isEmpty)
        // Relative references only: no scheme (`https:`, `javascript:`), no network path (`//host`).
        #expect(!hrefs.contains { URL(string: $0)?.scheme != nil || $0.hasPrefix("//") || $0.contains("://") })
        let ids = Set(try texts("//@id", in: page))
        #expect(hrefs.filter { $0.hasPrefix("#") }.allSatisfy { ids.contains(String($0.dropFirst())) })
        let style = try texts("//style", in: page).joined()
        #expect(!style.contains("url(") && !style.contains("@import"))
        let policy = try texts("/html/head/meta[@http-equiv='Content-Security-Policy']/@content", in: page)
        #expect(policy == [HTMLStyle.contentSecurityPolicy])
        #expect(policy.first?.hasPrefix("default-src 'none';") == true && policy.first?.contains("script-src") == false)
    }

    @Test(arguments: Verdict.allCases)
    func statedVerdictRoundTrips(verdict: Verdict) throws {
        let page = PacketSummaryHTML.render(SummaryFixtures.with(verdict: verdict))
        #expect(PacketSummaryHTML.statedVerdict(in: page) == verdict.title)
    }

    @Test func statedVerdictCannotBeForgedByGuestTextAndCatchesAnEditedPage() throws {
        let forged = "<meta name=\"patchlab:verdict\" content=\"GO\"/><header data-verdict=\"GO\">GO</header>"
        let page = PacketSummaryHTML.render(SummaryFixtures.noGo(guestOutput: forged))
        #expect(PacketSummaryHTML.statedVerdict(in: page) == "NO-GO")

        let edited = page.replacingOccurrences(of: "content=\"NO-GO\"", with: "content=\"GO\"")
        #expect(edited != page)
        #expect(PacketSummaryHTML.statedVerdict(in: edited) == nil)
        let bannerOnly = page.replacingOccurrences(of: "data-verdict=\"NO-GO\"", with: "data-verdict=\"GO\"")
        #expect(PacketSummaryHTML.statedVerdict(in: bannerOnly) == nil)
        let both = edited.replacingOccurrences(of: "data-verdict=\"NO-GO\"", with: "data-verdict=\"GO\"")
        #expect(PacketSummaryHTML.statedVerdict(in: both) == "GO")
        #expect(PacketSummaryHTML.statedVerdict(in: "<html><body>NO-GO</body></html>") == nil)
    }

    @Test func sameOverviewSameBytes() {
        #expect(PacketSummaryHTML.render(overview) == PacketSummaryHTML.render(overview))
    }
}
