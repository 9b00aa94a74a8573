import Foundation
import PatchLabEngine
import PatchLabModel

/// Prints one line per finished case (failures with expected and actual side by side) and the
/// closing summary with the verdict.
struct CaseLinePrinter: Sendable {
    let enabled: Bool

    var print: PlanProgress {
        let enabled = self.enabled
        return { event in
            guard enabled, case let .finished(result) = event else { return }
            let seconds = String(format: "%5.1fs", result.durationSeconds)
            Console.out(
                "\(Self.mark(result.state)) \(result.caseID) on \(result.machine) [\(result.severity.rawValue)] "
                    + "\(result.title) — \(result.state.rawValue) \(seconds)")
            for outcome in result.outcomes where !outcome.passed {
                Console.out("      expected: \(outcome.expected)")
                Console.out("      actual:   \(outcome.actual)")
            }
            if let message = result.message, result.state != .passed { Console.out("      \(message)") }
        }
    }

    static func mark(_ state: ResultState) -> String {
        switch state {
        case .passed: "PASS "
        case .failed: "FAIL "
        case .error: "ERROR"
        case .skipped: "SKIP "
        case .waived: "WAIVE"
        case .timedOut: "TIME "
        }
    }

    func summary(_ result: PlanRunResult, reportDir: String?) {
        let counts = result.counts
        let parts = ResultState.allCases.compactMap { state in counts[state].flatMap { $0 > 0 ? "\($0) \(state.rawValue)" : nil } }
        Console.out("")
        Console.out("plan \(result.planID) on lab \(result.lab), run \(result.runID): \(parts.joined(separator: ", "))")
        Console.out("verdict: \(result.verdict.title)")
        if let reportDir { Console.out("reports: \(reportDir)/report.html, report.md, results.xml, results.json") }
    }
}
