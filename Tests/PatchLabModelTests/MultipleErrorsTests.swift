import Testing
@testable import PatchLabModel

/// Every problem in a file is reported in one pass, in reading order.
@Suite struct MultipleErrorsTests {
    let yaml = """
        lab: Bad Name
        description: d
        machines:
          - name: web-01
            role: web
            mirrors: prod-web-01.example.com
            image: debian-12
            memroy: 1G
            criticality: pilot
          - name: web-02
            role: web
            mirrors: prod-web-02.example.com
            image: debian-12
            vcpus: 64
            criticality: extreme
        """

    @Test func duplicateNameIsCaughtEvenWhenBothEntriesHaveOtherProblems() {
        let diagnostics = labDiagnostics(
            """
            lab: t
            description: d
            machines:
              - name: web-01
                role: web
                mirrors: prod-web-01.example.com
                image: debian-12
                vcpus: 0
                criticality: pilot
              - name: web-01
                role: web
                mirrors: prod-web-02.example.com
                image: debian-12
                criticality: extreme
            """)
        #expect(diagnostics.map(\.location.description) == ["t.yaml:8:12", "t.yaml:10:11", "t.yaml:14:18"])
        #expect(diagnostics.count == 3 && diagnostics[1].message.contains("duplicate machine name 'web-01'"))
    }

    @Test func allProblemsAreReportedTogetherInReadingOrder() throws {
        let error = try #require(throws: ModelError.self) { try Lab.parse(yaml: yaml, file: "labs/bad.yaml") }
        #expect(
            error.diagnostics.map(\.location.description) == [
                "labs/bad.yaml:1:6", "labs/bad.yaml:8:5", "labs/bad.yaml:14:12", "labs/bad.yaml:15:18",
            ])
        #expect(error.diagnostics.allSatisfy { $0.severity == .error })
    }

    @Test func descriptionPrintsOneDiagnosticPerLine() throws {
        let error = try #require(throws: ModelError.self) { try Lab.parse(yaml: yaml, file: "labs/bad.yaml") }
        let lines = error.description.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[1].hasPrefix("labs/bad.yaml:8:5: error: unknown key 'memroy' in machine; expected one of: name, role,"))
        #expect(lines[1].hasSuffix("did you mean 'memory'?"))
        #expect(
            lines[3] == "labs/bad.yaml:15:18: error: unknown value 'extreme' for 'criticality'; "
                + "expected one of: pilot, low, medium, high, critical")
        #expect(error.localizedDescription == error.description)
    }
}
