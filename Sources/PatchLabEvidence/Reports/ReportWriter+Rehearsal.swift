import Foundation
import PatchLabModel

extension ReportWriter {
    /// Every report of a rehearsal in its run folder, before the packet is written: each test
    /// phase's plans, and each bisection step's (`RUN/bisect/step-N/`).
    public static func writeReports(of result: RehearsalResult) throws {
        let folder = RunFolder(path: result.runDirectory)
        for (phase, runs) in result.planRuns where !runs.isEmpty {
            _ = try write(runs, to: folder.reports(phase))
        }
        for step in result.batch?.bisection?.steps ?? [] where !step.planRuns.isEmpty {
            _ = try write(step.planRuns, to: folder.bisectionStep(step.number))
        }
    }
}
