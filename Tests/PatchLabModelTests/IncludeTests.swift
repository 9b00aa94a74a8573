import Testing
@testable import PatchLabModel

/// `include:` joins other plans' cases and templates; cycles, missing files and duplicate ids are errors.
@Suite struct IncludeTests {
    /// A plan file with `include` (line 6), then its cases from line 8.
    static func plan(_ id: String, include: String = "[]", defaults: String = "{}", cases: String) -> String {
        """
        plan: \(id)
        title: Plan \(id)
        version: "1"
        owner: o
        applications: [app-\(id.lowercased())]
        include: \(include)
        defaults: \(defaults)
        cases:
        \(cases)
        """
    }

    static func testCase(_ id: String, extra: String = "") -> String {
        """
          - id: \(id)
            title: Case \(id)
            functionality: F
            run: "true"
        \(extra)
        """
    }

    @Test func includedCasesComeFirstAndKeepTheirPlanAndLocations() throws {
        let files = PlanFiles(files: [
            "plans/common.yaml": Self.plan(
                "COMMON", defaults: "{on: web-01, severity: minor}",
                cases: Self.testCase("COMMON-001"))
        ])
        let plan = try parsePlan(
            Self.plan(
                "WEB", include: "[common.yaml]", defaults: "{on: \"role:web\"}",
                cases: Self.testCase("WEB-001")), file: "plans/web.yaml", files: files)
        #expect(plan.cases.map(\.id) == ["COMMON-001", "WEB-001"])
        #expect(plan.cases.map(\.planID) == ["COMMON", "WEB"])
        #expect(plan.cases[0].location == at(9, 5, file: "plans/common.yaml"))
        #expect(plan.sourceFiles == ["plans/web.yaml", "plans/common.yaml"])
        #expect(plan.applications.map(\.name) == ["app-web", "app-common"])
        // The includer's defaults win; the included plan's fill what the includer leaves unset.
        #expect(plan.cases[0].targets == [.role("web")])
        #expect(plan.cases[0].targetLocations == [at(7, 16, file: "plans/web.yaml")])
        #expect(plan.cases[0].severity == .minor)
    }

    @Test func nestedIncludesResolveRelativeToTheIncludingFile() throws {
        let files = PlanFiles(files: [
            "a/b/mid.yaml": Self.plan("MID", include: "[../leaf.yaml]", defaults: "{on: x}", cases: Self.testCase("MID-1")),
            "a/leaf.yaml": Self.plan("LEAF", defaults: "{on: x}", cases: Self.testCase("LEAF-1")),
        ])
        let plan = try parsePlan(
            Self.plan("TOP", include: "b/mid.yaml", defaults: "{on: x}", cases: Self.testCase("TOP-1")),
            file: "a/top.yaml", files: files)
        #expect(plan.cases.map(\.id) == ["LEAF-1", "MID-1", "TOP-1"])
        #expect(plan.sourceFiles == ["a/top.yaml", "a/b/mid.yaml", "a/leaf.yaml"])
    }

    @Test func aFileIncludedTwiceJoinsOnce() throws {
        let files = PlanFiles(files: [
            "b.yaml": Self.plan("B", include: "[d.yaml]", defaults: "{on: x}", cases: Self.testCase("B-1")),
            "c.yaml": Self.plan("C", include: "[d.yaml]", defaults: "{on: x}", cases: Self.testCase("C-1", extra: "    use: shared")),
            "d.yaml": Self.plan("D", defaults: "{on: x}", cases: Self.testCase("D-1"))
                + "\ntemplates:\n  shared: {tags: [from-d]}\n",
        ])
        let plan = try parsePlan(
            Self.plan("A", include: "[b.yaml, c.yaml]", defaults: "{on: x}", cases: Self.testCase("A-1")),
            file: "a.yaml", files: files)
        #expect(plan.cases.map(\.id) == ["D-1", "B-1", "C-1", "A-1"])
        // C still sees D's templates although D was read through B.
        #expect(plan.cases[2].tags == ["from-d"])
        #expect(plan.sourceFiles == ["a.yaml", "b.yaml", "d.yaml", "c.yaml"])
    }

    @Test func includeCycleIsReportedWithTheChain() {
        let files = PlanFiles(files: [
            "b.yaml": Self.plan("B", include: "[c.yaml]", defaults: "{on: x}", cases: Self.testCase("B-1")),
            "c.yaml": Self.plan("C", include: "[./a.yaml]", defaults: "{on: x}", cases: Self.testCase("C-1")),
        ])
        let diagnostics = planDiagnostics(
            Self.plan("A", include: "[b.yaml]", defaults: "{on: x}", cases: Self.testCase("A-1")),
            file: "a.yaml", files: files)
        #expect(
            diagnostics.map(\.description) == [
                "c.yaml:6:11: error: include cycle: a.yaml → b.yaml → c.yaml → a.yaml; expected plans that do not include each other"
            ])
    }

    @Test func selfIncludeIsACycle() {
        let diagnostics = planDiagnostics(
            Self.plan("A", include: "a.yaml", defaults: "{on: x}", cases: Self.testCase("A-1")),
            file: "a.yaml")
        #expect(
            diagnostics.map(\.description) == [
                "a.yaml:6:10: error: include cycle: a.yaml → a.yaml; expected plans that do not include each other"
            ])
    }

    @Test func missingIncludeIsReportedAtTheInclude() {
        expectPlanError(
            Self.plan("A", include: "[common.yaml]", defaults: "{on: x}", cases: Self.testCase("A-1")),
            at: "6:11",
            mentions: [
                "cannot read included plan 'common.yaml' (common.yaml): no such file",
                "expected a readable plan file",
            ])
    }

    @Test func duplicateCaseIDAcrossIncludesNamesTheFirstFile() {
        let files = PlanFiles(files: [
            "common.yaml": Self.plan("COMMON", defaults: "{on: x}", cases: Self.testCase("X-001"))
        ])
        expectPlanError(
            Self.plan("A", include: "[common.yaml]", defaults: "{on: x}", cases: Self.testCase("X-001")),
            at: "9:9", mentions: ["duplicate case id 'X-001', first defined at common.yaml:9:9"], files: files)
    }

    @Test func errorsInsideAnIncludedFileAreReportedThere() {
        let files = PlanFiles(files: [
            "common.yaml": Self.plan("COMMON", defaults: "{on: x}", cases: Self.testCase("C-1", extra: "    severity: huge"))
        ])
        expectPlanError(
            Self.plan("A", include: "[common.yaml]", defaults: "{on: x}", cases: Self.testCase("A-1")),
            at: "common.yaml:13:15", mentions: ["unknown value 'huge' for 'severity'"], files: files)
    }

    @Test func includedTemplatesAreUsableAndDuplicatesAreRefused() throws {
        let common =
            Self.plan("COMMON", defaults: "{on: x}", cases: Self.testCase("C-1"))
            + "\ntemplates:\n  ok: {run: [echo, ok], expect: {stdout: ok}}\n"
        let files = PlanFiles(files: ["common.yaml": common])
        let user = Self.plan(
            "A", include: "[common.yaml]", defaults: "{on: x}",
            cases: """
                  - id: A-1
                    title: t
                    functionality: f
                    use: ok
                """)
        let plan = try parsePlan(user, files: files)
        #expect(plan.cases[1].checkCommand?.commandLine == ["echo", "ok"])
        #expect(plan.cases[1].expectations == [.stdout(.equals("ok"), location: at(15, 42, file: "common.yaml"))])

        expectPlanError(
            user + "\ntemplates:\n  ok: {run: x}\n", at: "14:3",
            mentions: [
                "duplicate template 'ok', first defined at common.yaml:15:3"
            ], files: files)
    }
}
