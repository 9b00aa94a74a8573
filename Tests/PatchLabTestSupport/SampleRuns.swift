import Foundation
import PatchLabModel

/// Plan runs with one result in every state, on two machines, with guest output chosen to break any
/// report that does not escape: HTML, a CDATA end, quotes, terminal colour codes, a NUL, table pipes
/// and Markdown fences.
public enum SampleRuns {
    public static let nasty = "<script>alert(1)</script> ]]> \"&' \u{1B}[31mred\u{1B}[0m nul:\u{0}: a|b ```fence``` `tick`\r\nsecond line\n"
    public static let start = Date(timeIntervalSince1970: 1_767_261_600)  // 2026-01-01T10:00:00Z
    public static let waiver = Waiver(
        justification: "Known issue INC-42 | fixed in 1.23", expires: CalendarDate("2026-12-31")!,
        approvedBy: "CAB", location: SourceLocation(file: "testplans/web.yaml", line: 40, column: 5))

    /// A post-patch run of WEB: passed (twice, one per machine), failed with two unmet expected results,
    /// error, skipped, waived and timed-out. Verdict NO-GO.
    public static func postPatch() -> PlanRunResult {
        let results = [
            result(
                "WEB-001", "nginx is running", machine: "web-01", severity: .critical, state: .passed, at: 0,
                outcomes: [
                    ExpectationOutcome(passed: true, expected: "exit status is 0", actual: "exit status 0"),
                    ExpectationOutcome(passed: true, expected: "stdout equals \"active\"", actual: "stdout was \"active\""),
                ],
                stdout: "active\n", exitCode: 0),
            result(
                "WEB-001", "nginx is running", machine: "web-02", severity: .critical, state: .passed, at: 1,
                outcomes: [ExpectationOutcome(passed: true, expected: "exit status is 0", actual: "exit status 0")],
                stdout: "active\n", exitCode: 0),
            result(
                "WEB-002", "Home page | welcome", machine: "web-01", severity: .critical, state: .failed, at: 2,
                outcomes: [
                    ExpectationOutcome(
                        passed: false, expected: "stdout contains \"Welcome to nginx!\"",
                        actual: "stdout was \(DisplayText.output(nasty))"),
                    ExpectationOutcome(
                        passed: false, expected: "GET http://127.0.0.1/ answers status 200",
                        actual: "it answered status 502 | Bad Gateway"),
                ],
                stdout: nasty, stderr: "curl: (22) 502 <b>bad</b>\n", stdoutLog: "logs/WEB-002@web-01.stdout.log",
                exitCode: 22, attempts: 2),
            result(
                "WEB-003", "nginx -t is clean", machine: "web-02", severity: .major, state: .error, at: 3,
                message: "machine web-02 unreachable: <script>alert(2)</script> | guest agent not answering"),
            result(
                "WEB-004", "Disk space", machine: "web-02", severity: .minor, state: .skipped, at: 4,
                message: "not selected by --tag smoke"),
            result(
                "WEB-005", "Server header hidden", machine: "web-01", severity: .minor, state: .waived, at: 5,
                outcomes: [
                    ExpectationOutcome(
                        passed: false, expected: "stdout does not contain \"nginx/\"",
                        actual: "stdout was \"Server: nginx/1.22.1\"")
                ],
                stdout: "Server: nginx/1.22.1\n", exitCode: 0, waiver: waiver),
            result(
                "WEB-006", "Slow page", machine: "web-02", severity: .major, state: .timedOut, at: 6,
                message: "no answer within 30s", stdout: "partial \u{1B}[2Kout", stderr: nasty),
        ]
        return PlanRunResult(
            runID: "run-20260101-100000-ab12", planID: "WEB", planTitle: "Web tier acceptance <test>",
            planVersion: "1.0", planDigest: "sha256:" + String(repeating: "ab", count: 32), lab: "demo",
            phase: .postPatch, startedAt: start, endedAt: start.addingTimeInterval(42.5),
            verdict: .noGo, results: results)
    }

    /// A baseline run of the same plan where everything passed: GO.
    public static func baseline() -> PlanRunResult {
        let passed = result(
            "WEB-001", "nginx is running", machine: "web-01", severity: .critical, state: .passed, at: -60,
            outcomes: [ExpectationOutcome(passed: true, expected: "exit status is 0", actual: "exit status 0")],
            stdout: "active\n", exitCode: 0)
        return PlanRunResult(
            runID: "run-20260101-095900-cd34", planID: "WEB", planTitle: "Web tier acceptance <test>",
            planVersion: "1.0", planDigest: "sha256:" + String(repeating: "ab", count: 32), lab: "demo",
            phase: .baseline, startedAt: start.addingTimeInterval(-60),
            endedAt: start.addingTimeInterval(-50), verdict: .go, results: [passed])
    }

    /// A run whose only problem is a minor failure: GO WITH WARNINGS.
    public static func warnings() -> PlanRunResult {
        let failed = result(
            "OS-001", "Disk space", machine: "web-01", severity: .minor, state: .failed, at: 0,
            outcomes: [
                ExpectationOutcome(
                    passed: false, expected: "the number in stdout is at most 80",
                    actual: "the number in stdout was 93")
            ])
        return PlanRunResult(
            runID: "run-3", planID: "OS", planTitle: "Operating system", planVersion: "2",
            planDigest: "sha256:00", lab: "demo", startedAt: start, endedAt: start.addingTimeInterval(3),
            verdict: .goWithWarnings, results: [failed])
    }

    public static func all() -> [PlanRunResult] { [baseline(), postPatch()] }

    private static func result(
        _ id: String, _ title: String, machine: String, severity: Severity, state: ResultState,
        at offset: Double, outcomes: [ExpectationOutcome] = [], message: String? = nil,
        stdout: String = "", stderr: String = "", stdoutLog: String? = nil, exitCode: Int? = nil,
        attempts: Int = 1, waiver: Waiver? = nil
    ) -> CaseResult {
        CaseResult(
            caseID: id, title: title, planID: "WEB", machine: machine, severity: severity, state: state,
            outcomes: outcomes, message: message, stdout: stdout, stderr: stderr, stdoutLog: stdoutLog,
            exitCode: exitCode, startedAt: start.addingTimeInterval(offset), durationSeconds: 1.25 + max(offset, 0),
            attempts: attempts, functionality: "Serving HTTP", tags: ["web"], waiver: waiver)
    }
}
