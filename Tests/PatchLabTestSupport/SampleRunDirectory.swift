import Foundation
import PatchLabModel
import PatchLabEvidence

/// A rehearsal's run folder laid out as the engine leaves it (phase reports and case logs, patch
/// output, consoles, harness log, journal, change, lab and plan copies), for the packet writer to read.
public enum SampleRunDirectory {
    public static func layOut(_ result: RehearsalResult) throws {
        let run = RunFolder(path: result.runDirectory)
        for (phase, runs) in result.planRuns {
            _ = try ReportWriter.write(runs, to: run.reports(phase))
            for plan in runs {
                for item in plan.results {
                    try write(
                        SampleRuns.nasty + "\(item.caseID) output\n",
                        to: "\(run.reports(phase))/logs/\(plan.planID)/\(item.caseID)@\(item.machine)/attempt-1/stdout")
                }
            }
        }
        for step in result.batch?.bisection?.steps ?? [] {
            for install in step.installs {
                try write(
                    "Setting up \(install.patch)\n",
                    to: "\(run.bisectionStep(step.number))/patch/\(install.machine)/\(install.patch)/stdout")
            }
        }
        try ReportWriter.writeReports(of: result)
        for outcome in result.patchOutcomes {
            try write(outcome.stdout, to: "\(run.patchLogs(outcome.machine))/stdout")
            try write(outcome.stderr, to: "\(run.patchLogs(outcome.machine))/stderr")
            try write("[    0.000000] Linux version 6.1.0 \(outcome.machine)\n", to: run.console(outcome.machine))
            try write("<domain type='qemu'><name>pl-demo-\(outcome.machine)</name></domain>\n", to: run.domainXML(outcome.machine))
        }
        try write("2026-01-01T10:00:00Z phase lab\n", to: run.harnessLog)
        try write("[]\n", to: run.journal)
        try write("lab: demo\nmachines: []\n", to: run.labFile)
        try write("change: \(result.change.id)\ntype: \(result.change.type.rawValue)\n", to: "\(run.change)/\(result.change.id).yaml")
        try write("{\"harnessHost\": \"lab-host\"}\n", to: run.environment)
        try write("plan: WEB\ncases: []\n", to: "\(run.plans)/web.yaml")
        try write("plan: SMOKE\ncases: []\n", to: "\(run.plans)/smoke.yaml")
    }

    public static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }
}
