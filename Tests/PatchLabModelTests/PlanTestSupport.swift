import Foundation
import Testing
@testable import PatchLabModel

// Swift Testing has its own `Expectation`; the model's is named through this alias in tests.
typealias PlanExpectation = PatchLabModel.Expectation

/// In-memory plan files for include tests: path → text. A path not in the map cannot be read.
struct PlanFiles {
    var files: [String: String] = [:]
    /// Absolute paths that exist for upload checks.
    var existing: Set<String> = []

    func load(_ path: String) throws -> String {
        guard let text = files[path] else { throw CocoaError(.fileReadNoSuchFile) }
        return text
    }
}

/// Parses a plan text under `t.yaml` (or `file`) with in-memory includes and upload sources.
func parsePlan(_ yaml: String, file: String = testFile, files: PlanFiles = PlanFiles()) throws -> TestPlan {
    try TestPlan.parse(yaml: yaml, file: file, loadInclude: files.load, fileExists: { files.existing.contains($0) })
}

/// The diagnostics a plan text is rejected with; records an issue if it is accepted.
func planDiagnostics(
    _ yaml: String, file: String = testFile, files: PlanFiles = PlanFiles(),
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> [Diagnostic] {
    rejectionDiagnostics(
        { try parsePlan(yaml, file: file, files: files) },
        describe: { "plan \($0.id) with \($0.cases.count) cases" }, sourceLocation: sourceLocation)
}

/// Asserts the plan is rejected with exactly one error at `position` (`line:column` in `t.yaml`, or
/// `file:line:column` when it contains `.yaml:`), whose message contains every fragment.
func expectPlanError(
    _ yaml: String, at position: String, mentions fragments: [String],
    files: PlanFiles = PlanFiles(), sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    let expected = position.contains(".yaml:") ? position : "\(testFile):\(position)"
    expectOnlyError(
        planDiagnostics(yaml, files: files, sourceLocation: sourceLocation), at: expected,
        mentions: fragments, sourceLocation: sourceLocation)
}

/// A valid plan header with `cases` appended; `top` is line 7.
/// Lines: 1 plan, 2 title, 3 version, 4 owner, 5 applications, 6 defaults, 7 top, 8 cases:, 9+ cases.
func planWithCases(_ cases: String, top: String = "", defaults: String = #"{on: "role:web"}"#) -> String {
    """
    plan: T
    title: Test plan
    version: "1"
    owner: qa@example.com
    applications: [app]
    defaults: \(defaults)
    \(top)
    cases:
    \(cases)
    """
}

/// One valid case (lines 9–12 of ``planWithCases(_:top:defaults:)``) with `extra` lines after it.
func oneCase(_ extra: String = "") -> String {
    """
      - id: T-001
        title: A case
        functionality: Something
        run: "true"
    \(extra)
    """
}

/// The one case of a plan text that must parse.
func onlyCase(
    _ yaml: String, files: PlanFiles = PlanFiles(),
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws -> TestCase {
    let plan = try parsePlan(yaml, files: files)
    return try #require(plan.cases.first, sourceLocation: sourceLocation)
}

/// The expectations of a one-case plan whose case has this `expect:` block (lines 13+).
func expectations(_ expectBlock: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [PlanExpectation] {
    try onlyCase(planWithCases(oneCase(expectBlock)), sourceLocation: sourceLocation).expectations
}

/// The location of `line:column` in `t.yaml`.
func at(_ line: Int, _ column: Int, file: String = testFile) -> FileLocation {
    FileLocation(file: file, line: line, column: column)
}

/// A lab with web-01 and web-02 (role web) and db-01 (role db).
func threeMachineLab() throws -> Lab {
    try Lab.parse(
        yaml: """
            lab: t
            description: test lab
            machines:
              - {name: web-01, role: web, mirrors: p1, image: debian-12, criticality: pilot}
              - {name: web-02, role: web, mirrors: p2, image: debian-12, criticality: critical}
              - {name: db-01, role: db, mirrors: p3, image: debian-12, criticality: high}
            """, file: "lab.yaml")
}
