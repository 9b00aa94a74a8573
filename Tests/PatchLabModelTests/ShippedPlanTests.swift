import Foundation
import Testing
@testable import PatchLabModel

/// The plans in `testplans/` must stay valid, fit the demo lab, and say what the issue asks of them.
@Suite struct ShippedPlanTests {
    let folder = repositoryRoot + "/testplans"

    func load(_ name: String) throws -> TestPlan {
        try TestPlan.load(contentsOf: "\(folder)/\(name)")
    }

    @Test(arguments: ["web.yaml", "smoke.yaml", "common.yaml"])
    func loadsAndFitsTheDemoLab(name: String) throws {
        let plan = try load(name)
        let lab = try Lab.load(contentsOf: repositoryRoot + "/labs/demo.yaml")
        #expect(plan.check(against: lab).isEmpty)
        for testCase in plan.cases {
            #expect(testCase.machines(in: lab).map(\.name) == ["web-01", "web-02"], "\(testCase.id)")
            #expect(!testCase.functionality.isEmpty)
        }
        #expect(!plan.applications.isEmpty)
    }

    @Test func webPlanIncludesTheCommonChecksFirst() throws {
        let plan = try load("web.yaml")
        #expect(plan.id == "WEB")
        #expect(plan.version == "1.0")
        #expect(
            plan.cases.map(\.id) == [
                "COMMON-001", "COMMON-002", "COMMON-003",
                "WEB-001", "WEB-002", "WEB-003", "WEB-004", "WEB-005", "WEB-006",
            ])
        #expect(plan.cases.prefix(3).allSatisfy { $0.planID == "COMMON" })
        #expect(plan.cases.dropFirst(3).allSatisfy { $0.planID == "WEB" })
        #expect(plan.sourceFiles == ["\(folder)/web.yaml", "\(folder)/common.yaml"])
        #expect(plan.applications.map(\.name) == ["nginx", "Debian GNU/Linux 12"])
        // The including plan's defaults win over the included plan's.
        #expect(plan.cases[0].retries == 1)
    }

    @Test func webPlanCoversWhatTheIssueAsksFor() throws {
        let plan = try load("web.yaml")
        let all = plan.cases.flatMap(\.expectations)
        // nginx active and enabled, through the shared templates.
        let web001 = try #require(plan.testCase(withID: "WEB-001"))
        #expect(web001.template == "service-active")
        #expect(web001.checkCommand?.commandLine == ["systemctl", "is-active", "nginx"])
        #expect(web001.severity == .critical)
        let web002 = try #require(plan.testCase(withID: "WEB-002"))
        #expect(
            web002.expectations.contains(
                .service(
                    name: "nginx", state: .active, enabled: true,
                    location: web002.expectations[2].location)))
        #expect(
            all.contains {
                if case .port(80, .tcp, true, _) = $0 { return true }; return false
            })
        #expect(
            all.contains {
                if case .http("http://127.0.0.1/", 200, .contains("Welcome to nginx")?, _) = $0 { return true }; return false
            })
        #expect(all.contains { $0.description == "stderr contains \"syntax is ok\"" })
        #expect(all.contains { $0.description == "package nginx-light is at version 1.22.1 or newer" })
        #expect(all.contains { $0.description == "stdout contains \"VERSION_ID=\\\"12\\\"\"" })
        #expect(all.contains { $0.description == "the number in stdout is at most 90" })
    }

    @Test func webPlanExpectationsPassOnTheDemoGuestsOutput() throws {
        let plan = try load("web.yaml")
        // What the demo guest (Debian 12 minbase, nginx-light 1.22.1-9) answers.
        let guest: [String: ProbeOutput] = [
            "COMMON-001": ProbeOutput(
                exitCode: 0,
                stdout: "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nID=debian\n"),
            "COMMON-002": ProbeOutput(exitCode: 0, stdout: " 57%\n"),
            "COMMON-003": ProbeOutput(exitCode: 0, stdout: "active\n"),
            "WEB-001": ProbeOutput(exitCode: 0, stdout: "active\n"),
            "WEB-002": ProbeOutput(exitCode: 0, stdout: "enabled\n"),
            "WEB-003": ProbeOutput(exitCode: 0, stdout: "State Recv-Q Send-Q Local Address:Port\nLISTEN 0 511 0.0.0.0:80 0.0.0.0:*\n"),
            "WEB-004": ProbeOutput(exitCode: 0, stdout: "<h1>Welcome to nginx!</h1>"),
            "WEB-005": ProbeOutput(
                exitCode: 0, stdout: "",
                stderr:
                    "nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n"
            ),
            "WEB-006": ProbeOutput(exitCode: 0, stdout: "1.22.1-9\n"),
        ]
        let probes: [String: ProbeOutput] = [
            "file": ProbeOutput(exitCode: 0, stdout: "state=present\n"),
            "service": ProbeOutput(exitCode: 0, stdout: "active=active\nenabled=enabled\n"),
            "port": ProbeOutput(exitCode: 0, stdout: "  sl  local_address rem_address   st\n   0: 00000000:0050 00000000:0000 0A 0\n"),
            "http": ProbeOutput(exitCode: 0, stdout: "status=200 curl=0\n<title>Welcome to nginx!</title>"),
            "package": ProbeOutput(exitCode: 0, stdout: "install ok installed\t1.22.1-9\n"),
        ]
        for testCase in plan.cases {
            for expectation in testCase.expectations {
                let output = expectation.probe == nil ? guest[testCase.id]! : probes[expectation.matcherName]!
                let outcome = expectation.evaluate(probeOutput: output)
                #expect(outcome.passed, "\(testCase.id): expected \(outcome.expected), actual \(outcome.actual)")
            }
        }
    }

    @Test func smokePlanIsCriticalPath() throws {
        let plan = try load("smoke.yaml")
        #expect(plan.id == "SMOKE")
        #expect(plan.tags == ["smoke"])
        #expect(plan.cases.map(\.id) == ["SMOKE-001", "SMOKE-002", "SMOKE-003"])
        #expect(plan.cases.allSatisfy { $0.severity == .critical && $0.tags.contains("critical-path") })
        #expect(plan.cases[2].expectations.map(\.description) == ["exit status is 0", "stdout equals \"200\""])
        #expect(plan.sourceFiles == ["\(folder)/smoke.yaml"])
    }

    @Test func formatDocumentationExampleParses() throws {
        // The example in docs/testplan-format.md is the format's contract: it must stay valid.
        let doc = try String(contentsOfFile: repositoryRoot + "/docs/testplan-format.md", encoding: .utf8)
        let start = try #require(doc.range(of: "```yaml\n"))
        let end = try #require(doc.range(of: "```", range: start.upperBound..<doc.endIndex))
        let yaml = String(doc[start.upperBound..<end.lowerBound])
        var files = PlanFiles(files: ["common.yaml": "plan: C\ntitle: c\nversion: '1'\nowner: o\napplications: [os]\ncases: []\n"])
        files.existing = [PlanPaths.absolute("files/index.html")]
        let plan = try parsePlan(yaml, file: "example.yaml", files: files)
        #expect(plan.id == "WEB-SMOKE")
        #expect(plan.cases.count >= 2)
    }
}
