import Testing
@testable import PatchLabModel

/// Problems with one case: its keys, check, targets, severity, durations and steps.
@Suite struct CaseValidationTests {
    @Test func unknownCaseKeyIsReportedWithASuggestion() {
        expectPlanError(
            planWithCases(oneCase("    severty: minor")), at: "13:5",
            mentions: [
                "unknown key 'severty' in case", "did you mean 'severity'?",
            ])
    }

    @Test func missingTitleIsReportedAtTheCase() {
        expectPlanError(
            planWithCases(oneCase().replacingOccurrences(of: "    title: A case\n", with: "")),
            at: "9:5", mentions: ["missing required key 'title' in case T-001"])
    }

    @Test func missingFunctionalityIsReported() {
        expectPlanError(
            planWithCases(oneCase().replacingOccurrences(of: "    functionality: Something\n", with: "")),
            at: "9:5", mentions: ["missing required key 'functionality' in case T-001"])
    }

    @Test func caseWithoutCheckIsReported() {
        expectPlanError(
            planWithCases(oneCase().replacingOccurrences(of: "    run: \"true\"\n", with: "")),
            at: "9:5", mentions: ["case T-001 has no check", "expected 'run'", "'steps'", "'use'"])
    }

    /// A case judged only by probes needs no dummy `run: "true"`.
    @Test func aCaseOfProbesOnlyNeedsNoCommand() throws {
        let noRun = oneCase(
            """
                expect:
                  service: {name: nginx, state: active}
                  port: {number: 80, protocol: tcp, listening: true}
            """
        ).replacingOccurrences(of: "    run: \"true\"\n", with: "")
        let testCase = try onlyCase(planWithCases(noRun))
        #expect(testCase.check.isEmpty)
        #expect(testCase.checkCommand == nil)
        #expect(testCase.expectations.map(\.matcherName) == ["service", "port"])
    }

    /// Without a command, an expectation about a command's output has nothing to judge.
    @Test func anOutputExpectationWithoutACommandIsRefusedAtTheExpectation() {
        let noRun = oneCase(
            """
                expect:
                  service: {name: nginx, state: active}
                  stdout: {contains: ok}
            """
        ).replacingOccurrences(of: "    run: \"true\"\n", with: "")
        expectPlanError(
            planWithCases(noRun), at: "14:15",
            mentions: [
                "case T-001 has no check command, but its 'stdout' expectation judges a command's output", "expected 'run'",
            ])
    }

    @Test func runAndStepsTogetherAreRefused() {
        expectPlanError(
            planWithCases(oneCase("    steps: [{run: \"true\"}]")), at: "13:5",
            mentions: [
                "both 'run' and 'steps' in case T-001", "expected one of them",
            ])
    }

    @Test func badCaseIDIsReported() {
        expectPlanError(
            planWithCases(oneCase().replacingOccurrences(of: "T-001", with: "t_001")), at: "9:9",
            mentions: ["invalid value 't_001' for 'id'", "expected upper-case letters"])
    }

    @Test func duplicateCaseIDPointsAtTheSecondAndNamesTheFirst() {
        expectPlanError(
            planWithCases(oneCase() + oneCase()), at: "13:9",
            mentions: [
                "duplicate case id 'T-001', first defined at t.yaml:9:9",
                "expected each case id once",
            ])
    }

    @Test func unknownSeverityIsReportedWithChoices() {
        expectPlanError(
            planWithCases(oneCase("    severity: critcal")), at: "13:15",
            mentions: [
                "unknown value 'critcal' for 'severity'", "expected one of: critical, major, minor, info",
                "did you mean 'critical'?",
            ])
    }

    @Test(arguments: [("soon", "'soon'"), ("30 seconds", "'30 seconds'"), ("-5s", "'-5s'"), ("1x", "'1x'")])
    func badDurationIsReported(text: String, shown: String) {
        expectPlanError(
            planWithCases(oneCase("    timeout: \(text)")), at: "13:14",
            mentions: [
                "invalid duration \(shown) for 'timeout'", "expected a duration such as 500ms, 30s, 2m, 1h",
            ])
    }

    @Test func zeroTimeoutIsRefused() {
        expectPlanError(planWithCases(oneCase("    timeout: 0s")), at: "13:14", mentions: ["'timeout' too short"])
    }

    @Test func durationsAndRetriesAreRead() throws {
        let testCase = try onlyCase(
            planWithCases(
                oneCase(
                    """
                        timeout: 1m30s
                        retries: 3
                        retry_delay: 500ms
                        severity: minor
                        description: Why it matters
                        tags: [smoke, critical-path]
                    """)))
        #expect(testCase.timeout == .seconds(90))
        #expect(testCase.retries == 3)
        #expect(testCase.retryDelay == .milliseconds(500))
        #expect(testCase.severity == .minor)
        #expect(testCase.description == "Why it matters")
        #expect(testCase.tags == ["smoke", "critical-path"])
    }

    @Test func retriesOutOfRangeAreRefused() {
        expectPlanError(
            planWithCases(oneCase("    retries: 50")), at: "13:14",
            mentions: [
                "'retries' out of range; expected 0 to 10, found 50"
            ])
    }

    @Test func wrongTypeIsReportedWithExpectedAndFound() {
        expectPlanError(
            planWithCases(oneCase("    tags: {a: b}")), at: "13:11",
            mentions: [
                "expected a string for 'tags', found a mapping"
            ])
    }

    @Test func missingOnAfterDefaultsIsReported() {
        expectPlanError(
            planWithCases(oneCase(), defaults: "{severity: minor}"), at: "9:5",
            mentions: [
                "missing 'on' in case T-001, and the plan's defaults give none", "expected 'on:' with machine names or roles",
            ])
    }

    @Test func onAcceptsAStringOrAListAndOverridesDefaults() throws {
        let one = try onlyCase(planWithCases(oneCase("    on: web-01")))
        #expect(one.targets == [.machine("web-01")])
        #expect(one.targetLocations == [at(13, 9)])
        let list = try onlyCase(planWithCases(oneCase("    on: [web-01, \"role: db\", web-01]")))
        #expect(list.targets == [.machine("web-01"), .role("db")])
        #expect(list.targetLocations == [at(13, 10), at(13, 18)])
    }

    @Test func badMachineNameInOnIsReported() {
        expectPlanError(
            planWithCases(oneCase("    on: [web-01, Web_02]")), at: "13:18",
            mentions: [
                "invalid machine or role 'Web_02' in 'on'", "or role:ROLE",
            ])
    }

    @Test func emptyOnIsRefused() {
        expectPlanError(planWithCases(oneCase("    on: []")), at: "13:9", mentions: ["expected at least one machine name"])
    }

    @Test func defaultsApplyToCases() throws {
        let testCase = try onlyCase(
            planWithCases(
                oneCase(),
                defaults: "{on: [web-01], severity: critical, timeout: 5s, retries: 2, retry_delay: 3s}"))
        #expect(testCase.targets == [.machine("web-01")])
        #expect(testCase.severity == .critical)
        #expect(testCase.timeout == .seconds(5))
        #expect(testCase.retries == 2)
        #expect(testCase.retryDelay == .seconds(3))
    }

    @Test func unknownDefaultsKeyIsReported() {
        expectPlanError(
            planWithCases(oneCase(), defaults: "{on: web-01, timout: 5s}"), at: "6:24",
            mentions: [
                "unknown key 'timout' in defaults", "did you mean 'timeout'?",
            ])
    }

    // MARK: Steps

    @Test func stepsSetupUploadAndWaitAreRead() throws {
        var files = PlanFiles()
        files.existing = [PlanPaths.absolute("files/index.html")]
        let testCase = try onlyCase(
            planWithCases(
                """
                  - id: T-001
                    title: A case
                    functionality: Something
                    setup:
                      - upload: {source: files/index.html, destination: /var/www/html/index.html, mode: "0644"}
                      - run: systemctl restart nginx
                      - wait: {until: {run: [systemctl, is-active, nginx], expect: {stdout: active}}, timeout: 20s, interval: 500ms}
                    steps:
                      - wait: {until: {run: "true"}}
                      - run: [curl, -s, "http://127.0.0.1/"]
                """), files: files)
        #expect(
            testCase.setup == [
                .upload(source: PlanPaths.absolute("files/index.html"), destination: "/var/www/html/index.html", mode: "0644"),
                .run(.shell("systemctl restart nginx", location: at(14, 14))),
                .wait(
                    until: .argv(["systemctl", "is-active", "nginx"], location: at(15, 29)),
                    expect: [.stdout(.equals("active"), location: at(15, 77))], timeout: .seconds(20), interval: .milliseconds(500)),
            ])
        #expect(
            testCase.check == [
                .wait(
                    until: .shell("true", location: at(17, 29)), expect: [.exit(.equals(0), location: at(17, 29))],
                    timeout: .seconds(30), interval: .seconds(1)),
                .run(.argv(["curl", "-s", "http://127.0.0.1/"], location: at(18, 14))),
            ])
        #expect(testCase.checkCommand?.commandLine == ["curl", "-s", "http://127.0.0.1/"])
        #expect(testCase.setup[0].description.hasSuffix("files/index.html to /var/www/html/index.html (mode 0644)"))
    }

    @Test func uploadSourceIsRelativeToThePlanFile() throws {
        var files = PlanFiles()
        files.existing = [PlanPaths.absolute("plans/files/a.conf")]
        let yaml = planWithCases(
            """
              - id: T-001
                title: A case
                functionality: Something
                steps: [{upload: {source: files/a.conf, destination: /etc/a.conf}}, {run: "true"}]
            """)
        let plan = try parsePlan(yaml, file: "plans/t.yaml", files: files)
        #expect(
            plan.cases[0].check.first
                == .upload(
                    source: PlanPaths.absolute("plans/files/a.conf"),
                    destination: "/etc/a.conf", mode: nil))
    }

    @Test func missingUploadSourceIsReportedAtTheSource() {
        expectPlanError(
            planWithCases(oneCase("    setup: [{upload: {source: nothere.txt, destination: /tmp/x}}]")),
            at: "13:31", mentions: ["upload source 'nothere.txt' not found", "expected a file"])
    }

    @Test func relativeUploadDestinationIsRefused() {
        var files = PlanFiles()
        files.existing = [PlanPaths.absolute("a.txt")]
        expectPlanError(
            planWithCases(oneCase("    setup: [{upload: {source: a.txt, destination: tmp/x, mode: \"0644\"}}]")),
            at: "13:51", mentions: ["invalid value 'tmp/x' for 'destination'", "expected an absolute guest path"],
            files: files)
    }

    @Test func badUploadModeIsRefused() {
        var files = PlanFiles()
        files.existing = [PlanPaths.absolute("a.txt")]
        expectPlanError(
            planWithCases(oneCase("    setup: [{upload: {source: a.txt, destination: /x, mode: \"rw-r--r--\"}}]")),
            at: "13:61", mentions: ["invalid value 'rw-r--r--' for 'mode'", "octal"], files: files)
    }

    @Test func stepsMustEndWithARun() {
        expectPlanError(
            planWithCases(
                """
                  - id: T-001
                    title: A case
                    functionality: Something
                    steps:
                      - run: "true"
                      - wait: {until: {run: "true"}}
                """), at: "14:9", mentions: ["the last of 'steps' in case T-001 is not a run step"])
    }

    @Test func stepWithTwoActionsIsRefused() {
        expectPlanError(
            planWithCases(oneCase("    setup: [{run: \"true\", wait: {until: {run: x}}}]")),
            at: "13:13", mentions: ["expected exactly one of run, upload, wait in a step, found run and wait"])
    }

    @Test func unknownStepKindIsReported() {
        expectPlanError(
            planWithCases(oneCase("    setup: [{rnu: \"true\"}]")), at: "13:14",
            mentions: [
                "unknown key 'rnu' in step", "did you mean 'run'?",
            ])
    }

    @Test func emptyCommandIsRefused() {
        expectPlanError(
            planWithCases(oneCase().replacingOccurrences(of: "run: \"true\"", with: "run: []")),
            at: "12:10", mentions: ["expected a command for 'run'", "found an empty list"])
    }

    @Test func waitIntervalLongerThanTimeoutIsRefused() {
        expectPlanError(
            planWithCases(oneCase("    setup: [{wait: {until: {run: x}, timeout: 1s, interval: 5s}}]")),
            at: "13:61", mentions: ["wait interval 5s is longer than its timeout 1s"])
    }
}
