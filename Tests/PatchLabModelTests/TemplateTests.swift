import Testing
@testable import PatchLabModel

/// `templates:` and `use:`/`with:`: partial cases with `{placeholders}`.
@Suite struct TemplateTests {
    /// Templates at lines 7–12, the case from line 14.
    static func plan(_ useLines: String) -> String {
        planWithCases(
            """
              - id: T-001
                title: A case
                functionality: F
            \(useLines)
            """,
            top: """
                templates:
                  service-active:
                    title: "{service} is active"
                    severity: critical
                    run: [systemctl, is-active, "{service}"]
                    expect: {exit: 0, stdout: active, service: {name: "{service}", enabled: "{enabled}"}}
                """)
    }

    @Test func placeholdersAreFilledAndTheCaseOverridesTheTemplate() throws {
        let testCase = try onlyCase(
            Self.plan(
                """
                    use: service-active
                    with: {service: nginx, enabled: true}
                """))
        #expect(testCase.template == "service-active")
        #expect(testCase.title == "A case")
        #expect(testCase.severity == .critical)
        #expect(testCase.check == [.run(.argv(["systemctl", "is-active", "nginx"], location: at(11, 10)))])
        #expect(
            testCase.expectations == [
                .exit(.equals(0), location: at(12, 20)),
                .stdout(.equals("active"), location: at(12, 31)),
                .service(name: "nginx", state: .active, enabled: true, location: at(12, 48)),
            ])
    }

    @Test func aWholePlaceholderTakesTheValuesType() throws {
        // `enabled: "{enabled}"` becomes the boolean false, not the text "false".
        let testCase = try onlyCase(
            Self.plan(
                """
                    use: service-active
                    with: {service: "cron", enabled: false}
                """))
        #expect(testCase.expectations.last == .service(name: "cron", state: .active, enabled: false, location: at(12, 48)))
    }

    @Test func theCasesOwnCheckReplacesTheTemplates() throws {
        let testCase = try onlyCase(
            Self.plan(
                """
                    use: service-active
                    with: {service: nginx, enabled: true}
                    steps: [{run: "true"}]
                    expect: {exit: 0}
                """))
        #expect(testCase.check == [.run(.shell("true", location: at(19, 19)))])
        #expect(testCase.expectations == [.exit(.equals(0), location: at(20, 20))])
    }

    @Test func unknownTemplateIsReportedWithASuggestion() {
        expectPlanError(
            Self.plan("    use: service-activ"), at: "17:10",
            mentions: [
                "unknown template 'service-activ' in case T-001", "expected one of the templates: service-active",
                "did you mean 'service-active'?",
            ])
    }

    @Test func placeholderWithoutAValueIsReportedAtTheUse() {
        expectPlanError(
            Self.plan(
                """
                    use: service-active
                    with: {service: nginx}
                """), at: "17:10",
            mentions: [
                "template 'service-active' needs a value for '{enabled}' (used at t.yaml:12:77)",
                "expected 'with: {enabled: …}' in case T-001",
            ])
    }

    @Test func unusedValueIsReportedAsAMisspelling() {
        expectPlanError(
            Self.plan(
                """
                    use: service-active
                    with: {service: nginx, enabled: true, servce: x}
                """), at: "18:43",
            mentions: [
                "'servce' in 'with' of case T-001 is not a placeholder of template 'service-active'",
                "expected values for its placeholders: service, enabled", "did you mean 'service'?",
            ])
    }

    @Test func withWithoutUseIsRefused() {
        expectPlanError(planWithCases(oneCase("    with: {a: b}")), at: "13:5", mentions: ["'with' without 'use' in case T-001"])
    }

    @Test func templateKeysAreChecked() {
        expectPlanError(
            planWithCases(oneCase(), top: "templates: {t: {id: X, run: x}}"), at: "7:17",
            mentions: [
                "unknown key 'id' in template 't'"
            ])
    }

    @Test func doubledBracesAreLiteralAndOtherBracesAreLeftAlone() throws {
        let testCase = try onlyCase(
            planWithCases(
                """
                  - id: T-001
                    title: A case
                    functionality: F
                    use: q
                    with: {pkg: nginx}
                """, top: #"templates: {q: {run: "dpkg-query -f '${{Version}}' -W {pkg} | awk '{print $1}'"}}"#))
        #expect(
            testCase.checkCommand
                == .shell(
                    "dpkg-query -f '${Version}' -W nginx | awk '{print $1}'",
                    location: at(7, 22)))
    }

    @Test func aTemplateProblemIsReportedOnceForAllItsUses() {
        let diagnostics = planDiagnostics(
            planWithCases(
                """
                  - {id: T-001, title: a, functionality: f, use: t}
                  - {id: T-002, title: b, functionality: f, use: t}
                """, top: "templates: {t: {run: x, timeout: never}}"))
        #expect(
            diagnostics.map(\.description) == [
                "t.yaml:7:34: error: invalid duration 'never' for 'timeout'; expected a duration such as 500ms, 30s, 2m, 1h or a number of seconds"
            ])
    }
}
