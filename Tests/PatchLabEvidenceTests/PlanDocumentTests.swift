import Foundation
import Testing
import PatchLabModel
@testable import PatchLabEvidence

@Suite struct PlanDocumentTests {
    static let yaml = """
        plan: WEB
        title: Web tier | acceptance
        version: "1.2"
        owner: web-team@example.com
        description: >
          nginx serves the public site. After any patch it must answer with the site.
        applications:
          - name: nginx
            description: Public web server <nginx-light>
          - name: openssl
        tags: [web]
        include: [common.yaml]
        defaults:
          on: "role:web"
          severity: major
          timeout: 30s
        cases:
          - id: WEB-001
            title: nginx is running
            functionality: Serving HTTP
            severity: critical
            tags: [critical-path]
            run: [systemctl, is-active, nginx]
            expect:
              exit: 0
              stdout: {equals: active}
          - id: WEB-002
            title: The page answers
            functionality: Serving the site
            on: [web-01, web-02]
            retries: 2
            retry_delay: 1s
            setup:
              - run: "echo 'ok | fine' > /tmp/marker"
              - upload: {source: site.conf, destination: /etc/nginx/conf.d/site.conf, mode: "0644"}
              - wait:
                  until: {run: [systemctl, is-active, nginx], expect: {stdout: {equals: active}}}
                  timeout: 20s
                  interval: 500ms
            steps:
              - run: [curl, -sS, "http://127.0.0.1/"]
            expect:
              stdout: {contains: "Welcome to nginx!"}
            waiver:
              justification: Known issue INC-42
              expires: "2026-12-31"
              approved_by: CAB
        """
    static let common = """
        plan: COMMON
        title: Common checks
        version: "1"
        owner: ops@example.com
        applications: [{name: debian}]
        cases:
          - id: OS-001
            title: Debian 12
            functionality: Operating system release
            on: "role:web"
            run: [cat, /etc/debian_version]
            expect:
              stdout: {matches: "^12\\\\."}
        """

    func plan() throws -> TestPlan {
        try TestPlan.parse(
            yaml: Self.yaml, file: "/plans/web.yaml",
            loadInclude: { path in
                guard path == "/plans/common.yaml" else { throw CocoaError(.fileReadNoSuchFile) }
                return Self.common
            },
            fileExists: { _ in true })
    }

    @Test func headsWithWhatThePlanIs() throws {
        let text = PlanDocument.markdown(try plan())
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "# WEB: Web tier \\| acceptance")
        let facts = MarkdownSupport.table(after: "| | |", in: text).map(MarkdownSupport.cells)
        let byName = Dictionary(uniqueKeysWithValues: facts.map { ($0[0], $0[1]) })
        #expect(byName["Plan"] == "WEB")
        #expect(byName["Version"] == "1.2")
        #expect(byName["Owner"] == "web-team@example.com")
        #expect(byName["Tags"] == "web")
        #expect(byName["Cases"] == "3")
        #expect(byName["Files"] == "`/plans/web.yaml`, `/plans/common.yaml`")
        #expect(text.contains("\nnginx serves the public site. After any patch it must answer with the site.\n"))
        #expect(
            text.contains("## Applications under test\n\n- **nginx**: Public web server \\<nginx-light\\>\n- **openssl**\n- **debian**\n"))
    }

    @Test func listsEveryCaseInPlanOrder() throws {
        let plan = try plan()
        let text = PlanDocument.markdown(plan)
        let rows = MarkdownSupport.table(after: "| Case | Title | Functionality | Machines | Severity |", in: text)
            .map(MarkdownSupport.cells)
        #expect(
            rows == [
                ["OS-001", "Debian 12", "Operating system release", "role:web", "major"],
                ["WEB-001", "nginx is running", "Serving HTTP", "role:web", "critical"],
                ["WEB-002", "The page answers", "Serving the site", "web-01, web-02", "major"],
            ])
        let headings = text.split(separator: "\n").filter { $0.hasPrefix("### ") }
        #expect(headings == ["### OS-001: Debian 12", "### WEB-001: nginx is running", "### WEB-002: The page answers"])
        #expect(text.contains("- **From plan:** COMMON (included)"))
    }

    @Test func eachCaseHasStepsAndExpectedResults() throws {
        let plan = try plan()
        let text = PlanDocument.markdown(plan)
        let web001 = try #require(section("WEB-001", in: text))
        #expect(web001.contains("- **Functionality:** Serving HTTP\n"))
        #expect(web001.contains("- **Machines:** role:web\n"))
        #expect(web001.contains("- **Severity:** critical (a failure stops the change)\n"))
        #expect(web001.contains("- **Time limit:** 30s per attempt\n"))
        #expect(web001.contains("- **Tags:** critical-path\n"))
        #expect(web001.contains("**Steps**\n\n1. Run `systemctl is-active nginx`\n"))
        #expect(web001.contains("**Expected results** (all must hold)\n\n- `exit status is 0`\n- `stdout equals \"active\"`\n"))

        let web002 = try #require(section("WEB-002", in: text))
        #expect(web002.contains("- **Time limit:** 30s per attempt, 2 retries (first after 1s)\n"))
        #expect(
            web002.contains(
                """
                **Setup**

                1. Run `echo 'ok | fine' > /tmp/marker`
                2. Upload `/plans/site.conf` to `/etc/nginx/conf.d/site.conf` (mode `0644`)
                3. Wait up to 20s, checking every 500ms, until `systemctl is-active nginx` gives: `stdout equals "active"`

                """))
        #expect(web002.contains("**Steps**\n\n1. Run `curl -sS http://127.0.0.1/`\n"))
        #expect(web002.contains("- `stdout contains \"Welcome to nginx!\"`\n"))
        #expect(web002.contains("**Waiver:** Known issue INC-42 (expires 2026-12-31, approved by CAB)."))
        #expect(!web001.contains("Waiver"))

        // Every expectation of every case, in the plan's words.
        for testCase in plan.cases {
            let body = try #require(section(testCase.id, in: text))
            for expectation in testCase.expectations {
                #expect(body.contains("- \(ReportText.markdownCode(expectation.description))\n"))
            }
        }
    }

    @Test func rendersTheShippedPlans() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("testplans")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: root.path))?.filter { $0.hasSuffix(".yaml") } ?? []
        #expect(!files.isEmpty, "no plans found under \(root.path)")
        for file in files.sorted() {
            let plan = try TestPlan.load(contentsOf: root.appendingPathComponent(file).path)
            let text = PlanDocument.markdown(plan)
            #expect(text.hasPrefix("# \(plan.id): "))
            for testCase in plan.cases { #expect(text.contains("### \(ReportText.markdown(testCase.id)): ")) }
        }
    }

    /// The text of one case's section: from its heading to the next heading of the same level.
    private func section(_ id: String, in text: String) -> String? {
        guard let start = text.range(of: "\n### \(id):") else { return nil }
        let rest = text[start.upperBound...]
        let end = rest.range(of: "\n### ")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }
}
