import Testing
@testable import PatchLabModel

/// Problems with a plan's header: its id, required keys, applications, tags.
@Suite struct PlanDocumentValidationTests {
    @Test func minimalPlanParsesWithDefaults() throws {
        let plan = try parsePlan(planWithCases(oneCase()))
        #expect(plan.id == "T")
        #expect(plan.title == "Test plan")
        #expect(plan.version == "1")
        #expect(plan.owner == "qa@example.com")
        #expect(plan.applications == [PlanApplication(name: "app")])
        #expect(plan.file == testFile)
        #expect(plan.sourceFiles == [testFile])
        #expect(plan.location == at(1, 1))
        let testCase = try #require(plan.cases.first)
        #expect(testCase.id == "T-001")
        #expect(testCase.planID == "T")
        #expect(testCase.location == at(9, 5))
        #expect(testCase.targets == [.role("web")])
        #expect(testCase.targetLocations == [at(6, 16)])
        #expect(testCase.severity == .major)
        #expect(testCase.timeout == .seconds(60))
        #expect(testCase.retries == 0)
        #expect(testCase.retryDelay == .seconds(1))
        #expect(testCase.setup.isEmpty)
        #expect(testCase.check == [.run(.shell("true", location: at(12, 10)))])
        // No `expect:` means the check must exit 0.
        #expect(testCase.expectations == [.exit(.equals(0), location: at(12, 10))])
        #expect(testCase.waiver == nil)
    }

    @Test func unknownTopLevelKeyIsReportedWithASuggestion() {
        expectPlanError(
            planWithCases(oneCase(), top: "ownr: x"), at: "7:1",
            mentions: [
                "unknown key 'ownr' in test plan", "expected one of: plan, title, version, owner", "did you mean 'owner'?",
            ])
    }

    @Test func missingTitleIsReportedAtTheDocument() {
        expectPlanError(
            planWithCases(oneCase()).replacingOccurrences(of: "title: Test plan\n", with: ""),
            at: "1:1", mentions: ["missing required key 'title' in test plan"])
    }

    @Test func badPlanIDIsReportedAtTheValue() {
        expectPlanError(
            planWithCases(oneCase()).replacingOccurrences(of: "plan: T\n", with: "plan: web-smoke\n"),
            at: "1:7", mentions: ["invalid value 'web-smoke' for 'plan'", "expected upper-case letters"])
    }

    @Test func applicationsMustBeAList() {
        expectPlanError(
            planWithCases(oneCase()).replacingOccurrences(of: "applications: [app]", with: "applications: nginx"),
            at: "5:15", mentions: ["expected a list for 'applications', found 'nginx'"])
    }

    @Test func applicationsAcceptNamesAndMappings() throws {
        let plan = try parsePlan(
            planWithCases(oneCase()).replacingOccurrences(
                of: "applications: [app]", with: "applications: [{name: nginx, description: Web server}, curl]"))
        #expect(plan.applications == [PlanApplication(name: "nginx", description: "Web server"), PlanApplication(name: "curl")])
    }

    @Test func emptyApplicationsAreRefused() {
        expectPlanError(
            planWithCases(oneCase()).replacingOccurrences(of: "applications: [app]", with: "applications: []"),
            at: "5:15", mentions: ["expected at least one application under test"])
    }

    @Test func unknownApplicationKeyIsReported() {
        expectPlanError(
            planWithCases(oneCase()).replacingOccurrences(
                of: "applications: [app]",
                with: "applications: [{name: a, descrption: b}]"),
            at: "5:26", mentions: ["unknown key 'descrption' in application", "did you mean 'description'?"])
    }

    @Test func badTagIsReported() {
        expectPlanError(
            planWithCases(oneCase(), top: "tags: [smoke, Critical Path]"), at: "7:15",
            mentions: ["invalid tag 'Critical Path'", "expected lowercase letters"])
    }

    @Test func planWithoutCasesIsRefused() {
        expectPlanError(
            planWithCases("  []").replacingOccurrences(of: "cases:\n  []", with: "cases: []"),
            at: "1:1", mentions: ["plan has no cases", "expected at least one case"])
    }

    @Test func emptyDocumentIsRefused() {
        expectPlanError("# nothing\n", at: "1:1", mentions: ["empty document", "expected a test plan"])
    }

    @Test func yamlSyntaxErrorIsReported() {
        let diagnostics = planDiagnostics("plan: T\ncases: [\n")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.hasPrefix("invalid YAML") == true)
    }

    @Test func everyProblemIsReportedAtOnce() {
        let diagnostics = planDiagnostics(
            planWithCases(
                """
                  - id: T-001
                    title: A
                    functionality: F
                    run: "true"
                    timeout: soon
                  - id: T-001
                    title: B
                    functionality: F
                    run: "true"
                    severity: blocker
                """, top: "ownr: x"))
        #expect(diagnostics.map { "\($0.location.line):\($0.location.column)" } == ["7:1", "13:14", "14:9", "18:15"])
    }

    @Test func loadReportsAnUnreadableFile() {
        #expect(throws: ModelError.self) { try TestPlan.load(contentsOf: "/nonexistent/plan.yaml") }
        do {
            _ = try TestPlan.load(contentsOf: "/nonexistent/plan.yaml")
        } catch let error as ModelError {
            #expect(error.diagnostics.first?.location == .wholeFile("/nonexistent/plan.yaml"))
            #expect(error.description.contains("cannot read test plan file"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
