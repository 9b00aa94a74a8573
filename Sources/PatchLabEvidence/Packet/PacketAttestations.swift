import Foundation
import PatchLabModel

/// The in-toto test-result Statements of a packet, one per phase that ran plans (one for a plan-run
/// packet): what the result is about as subjects (a rehearsal's patch files; a plan run's machine
/// images, see ``PlanPacketSubjects``), the plans and lab file as configuration (what it was tested
/// with), and every case by name under passed, warned or failed.
public enum PacketAttestations {
    public typealias Statement = InTotoStatement<TestResultPredicate>

    /// - Parameters:
    ///   - configuration: packet paths of the plan and lab files with their sha256.
    public static func statement(
        runs: [PlanRunResult], subjects: [ResourceDescriptor],
        configuration: [(path: String, sha256: String)]
    ) -> Statement {
        var passed: [String] = [], warned: [String] = [], failed: [String] = []
        for run in runs {
            for result in run.results {
                let name = testName(plan: run.planID, result: result)
                switch result.state {
                case .passed: passed.append(name)
                case .waived, .skipped: warned.append(name)
                default:
                    // A problem in a minor case warns; in a critical or major one it fails.
                    if Verdict.decide(results: [(result.severity, result.state)]) == .noGo {
                        failed.append(name)
                    } else {
                        warned.append(name)
                    }
                }
            }
        }
        let verdict = Verdict.decide(results: runs.flatMap(\.results).map { ($0.severity, $0.state) })
        let result: TestResultPredicate.Result = verdict == .go ? .passed : verdict == .goWithWarnings ? .warned : .failed
        let predicate = TestResultPredicate(
            result: result,
            configuration: configuration.map { ResourceDescriptor(name: $0.path, digest: ["sha256": $0.sha256]) },
            url: nil, passedTests: passed, warnedTests: warned, failedTests: failed)
        return Statement(subject: subjects, predicateType: TestResultPredicate.predicateType, predicate: predicate)
    }

    /// `PLAN/CASE@machine`: unique within a phase.
    public static func testName(plan: String, result: CaseResult) -> String { "\(plan)/\(result.caseID)@\(result.machine)" }
}
