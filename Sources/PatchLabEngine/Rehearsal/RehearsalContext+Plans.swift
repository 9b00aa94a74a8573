import Foundation
import PatchLabModel

extension RehearsalContext {
    /// Runs `plans` on the lab as one phase of this rehearsal (a test phase, or a bisection step),
    /// their reports and case logs under `reportDirectory`, recorded under this run.
    func runPlans(_ plans: [TestPlan], phase: RehearsalPhase, reportDirectory: String) async throws -> [PlanRunResult] {
        var results: [PlanRunResult] = []
        let runner = PlanRunner(inspector: inspector, store: store)
        for plan in plans {
            var options = PlanRunOptions(reportDirectory: reportDirectory, phase: phase, runID: runID)
            options.recordsOwnRun = false
            options.criticalOnly = self.options.reducedPlan
            try FileManager.default.createDirectory(atPath: reportDirectory, withIntermediateDirectories: true)
            let progress = self.progress
            results.append(try await runner.run(plan, lab: lab, options: options) { progress(.plan(phase: phase, $0)) })
        }
        return results
    }
}
