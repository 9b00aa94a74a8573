import Foundation
import Testing
import PatchLabModel
@testable import PatchLabEvidence
#if canImport(FoundationXML)
    import FoundationXML
    import PatchLabTestSupport
#endif

@Suite struct JUnitReportTests {
    let runs = SampleRuns.all()

    func parsed(_ runs: [PlanRunResult]? = nil) throws -> XMLElement {
        let document = try XMLSupport.parse(JUnitReport.render(runs ?? self.runs))
        return try #require(document.rootElement())
    }

    @Test func countsMatchTheResults() throws {
        let root = try parsed()
        #expect(root.name == "testsuites")
        // baseline: 1 passed; post-patch: 2 passed, 1 failed, 1 error, 1 skipped, 1 waived, 1 timed-out.
        #expect(root.attribute("tests") == "8")
        #expect(root.attribute("failures") == "1")
        #expect(root.attribute("errors") == "2")
        #expect(root.attribute("skipped") == "2")
        #expect(root.attribute("time") == "52.500")
        #expect(root.attribute("timestamp") == "2026-01-01T09:59:00")
        #expect(root.attribute("name") == "PatchLab: WEB")

        let suites = root.children(named: "testsuite")
        #expect(suites.map { $0.attribute("name") } == ["WEB (baseline)", "WEB (post-patch)"])
        let post = suites[1]
        #expect(post.attribute("tests") == "7")
        #expect(post.attribute("failures") == "1")
        #expect(post.attribute("errors") == "2")
        #expect(post.attribute("skipped") == "2")
        #expect(post.attribute("time") == "42.500")
        #expect(post.attribute("timestamp") == "2026-01-01T10:00:00")
        #expect(post.attribute("hostname") == "demo")
        #expect(post.children(named: "testcase").count == 7)
        for suite in suites {
            let cases = suite.children(named: "testcase")
            #expect(cases.count == Int(suite.attribute("tests") ?? ""))
            #expect(cases.filter { !$0.children(named: "failure").isEmpty }.count == Int(suite.attribute("failures") ?? ""))
            #expect(cases.filter { !$0.children(named: "error").isEmpty }.count == Int(suite.attribute("errors") ?? ""))
            #expect(cases.filter { !$0.children(named: "skipped").isEmpty }.count == Int(suite.attribute("skipped") ?? ""))
        }
    }

    @Test func eachStateGetsItsElement() throws {
        let post = try parsed().children(named: "testsuite")[1]
        let cases = post.children(named: "testcase")
        let run = SampleRuns.postPatch()
        for (element, result) in zip(cases, run.results) {
            let children = (element.children ?? []).compactMap { ($0 as? XMLElement)?.name }
                .filter { $0 != "system-out" && $0 != "system-err" }
            switch result.state {
            case .passed: #expect(children.isEmpty, "\(result.key)")
            case .failed: #expect(children == ["failure"], "\(result.key)")
            case .error, .timedOut: #expect(children == ["error"], "\(result.key)")
            case .skipped, .waived: #expect(children == ["skipped"], "\(result.key)")
            }
        }
        let failure = try #require(cases[2].children(named: "failure").first)
        #expect(failure.attribute("type") == "failed")
        #expect(failure.attribute("message")?.hasPrefix("expected stdout contains \"Welcome to nginx!\", actual stdout was") == true)
        #expect(failure.attribute("message")?.hasSuffix("(and 1 more)") == true)
        // Both expected results, each beside what was found.
        let body = failure.stringValue ?? ""
        #expect(body.contains("[FAIL] expected: stdout contains \"Welcome to nginx!\""))
        #expect(body.contains("[FAIL] expected: GET http://127.0.0.1/ answers status 200"))
        #expect(body.contains("actual:   it answered status 502 | Bad Gateway"))
        #expect(body.contains("full stdout: logs/WEB-002@web-01.stdout.log"))

        #expect(cases[3].children(named: "error").first?.attribute("type") == "error")
        #expect(cases[3].children(named: "error").first?.attribute("message")?.contains("<script>alert(2)</script>") == true)
        #expect(cases[4].children(named: "skipped").first?.attribute("message") == "not selected by --tag smoke")
        #expect(
            cases[5].children(named: "skipped").first?.attribute("message")
                == "waived: Known issue INC-42 | fixed in 1.23 (expires 2026-12-31, approved by CAB)")
        #expect(cases[6].children(named: "error").first?.attribute("type") == "timed-out")
        #expect(cases[6].children(named: "error").first?.attribute("message") == "no answer within 30s")
    }

    @Test func propertiesNameThePlanLabAndRun() throws {
        let post = try parsed().children(named: "testsuite")[1]
        let properties = try #require(post.children(named: "properties").first).children(named: "property")
        let values = Dictionary(uniqueKeysWithValues: properties.map { ($0.attribute("name") ?? "", $0.attribute("value") ?? "") })
        #expect(values["plan-id"] == "WEB")
        #expect(values["plan-title"] == "Web tier acceptance <test>")
        #expect(values["plan-version"] == "1.0")
        #expect(values["plan-digest"] == "sha256:" + String(repeating: "ab", count: 32))
        #expect(values["lab"] == "demo")
        #expect(values["run-id"] == "run-20260101-100000-ab12")
        #expect(values["phase"] == "post-patch")
        #expect(values["verdict"] == "no-go")
        #expect(values["started-at"] == "2026-01-01T10:00:00.000Z")
        // Properties come first, as the JUnit schema orders a suite's children.
        #expect((post.children?.first as? XMLElement)?.name == "properties")
    }

    @Test func classnameAndNameAreUniqueEvenForTheSameRunTwice() throws {
        var plain = SampleRuns.postPatch()
        plain.phase = nil
        for runs in [runs, [plain, plain]] {
            let cases = try parsed(runs).children(named: "testsuite").flatMap { $0.children(named: "testcase") }
            let pairs = cases.map { [$0.attribute("classname") ?? "", $0.attribute("name") ?? ""] }
            #expect(Set(pairs).count == pairs.count, "\(pairs)")
        }
        let cases = try parsed().children(named: "testsuite")[1].children(named: "testcase")
        #expect(cases[0].attribute("classname") == "WEB.post-patch.web-01")
        #expect(cases[0].attribute("name") == "WEB-001: nginx is running")
        #expect(cases[1].attribute("classname") == "WEB.post-patch.web-02")
        #expect(cases[0].attribute("time") == "1.250")

        let repeated = try parsed([plain, plain]).children(named: "testsuite")[1].children(named: "testcase")
        #expect(repeated[0].attribute("classname") == "WEB.web-01")
        #expect(repeated[0].attribute("name") == "WEB-001: nginx is running #2")
    }

    @Test func guestOutputSurvivesAsText() throws {
        let xml = JUnitReport.render(runs)
        let post = try parsed().children(named: "testsuite")[1]
        let failed = post.children(named: "testcase")[2]
        let out = try #require(failed.children(named: "system-out").first?.stringValue)
        // Read back by a parser, the script is text, the CDATA end is harmless, the colour codes are
        // visible, the NUL is a visible symbol, and CRLF is a plain line end.
        #expect(out == "<script>alert(1)</script> ]]> \"&' ␛[31mred␛[0m nul:␀: a|b ```fence``` `tick`\nsecond line\n")
        #expect(failed.children(named: "system-err").first?.stringValue == "curl: (22) 502 <b>bad</b>\n")
        #expect(!xml.contains("<script"))
        #expect(!xml.contains("<b>"))
        #expect(!xml.contains("]]>"))
        #expect(!xml.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        // A case with no output has no empty system-out to confuse reporters.
        #expect(post.children(named: "testcase")[3].children(named: "system-out").isEmpty)
    }

    @Test func isDeterministic() {
        #expect(JUnitReport.render(runs) == JUnitReport.render(runs))
    }

    @Test func noRunsIsStillAValidDocument() throws {
        let root = try parsed([])
        #expect(root.attribute("tests") == "0")
        #expect(root.children(named: "testsuite").isEmpty)
    }
}
