import Foundation
import PatchLabEngine
import PatchLabModel

/// Prints a rehearsal's phases and notes as they happen, and its verdict at the end.
struct RehearsalPrinter: Sendable {
    let enabled: Bool

    var print: RehearsalProgress {
        let enabled = self.enabled
        let cases = CaseLinePrinter(enabled: enabled).print
        let lab = Console.labProgress(enabled: enabled)
        return { event in
            guard enabled else { return }
            switch event {
            case let .phase(name): Console.out("== \(name.rawValue)")
            case let .note(text): Console.out("   \(text)")
            case let .lab(event): lab(event)
            case let .plan(_, event): cases(event)
            }
        }
    }

    static func summary(_ result: RehearsalResult) {
        Console.out("")
        Console.out("change \(result.change.id) (\(result.change.type.rawValue)): \(result.change.title)")
        Console.out(
            "run \(result.runID) on lab \(result.labName), \(String(format: "%.0f", result.endedAt.timeIntervalSince(result.startedAt))) s")
        for phase in result.phases {
            Console.out(
                "  " + phase.name.rawValue.padding(toLength: 26, withPad: " ", startingAt: 0)
                    + String(format: "%7.1f s  ", phase.seconds) + phase.status)
        }
        for diff in result.patchDiffs where !diff.isEmpty {
            Console.out("the patch changed \(diff.machine):")
            for line in diff.lines.prefix(20) { Console.out("  \(line)") }
            if diff.lines.count > 20 { Console.out("  … \(diff.lines.count - 20) more") }
        }
        batchSummary(result)
        if let proof = result.rollbackProof {
            Console.out("rollback proven: \(proof.proven ? "yes" : "NO")")
            for reason in proof.reasons.prefix(20) { Console.out("  \(reason)") }
        }
        if let fidelity = result.fidelity, fidelity.isMeasured {
            Console.out("fidelity to production:")
            for machine in fidelity.machines {
                Console.out(
                    "  \(machine.machine): "
                        + (machine.production.map { "\(FidelityReport.format(machine.computedScore)) against \($0.name)" }
                            ?? "not measured (\(machine.notMeasured ?? "no capture"))"))
                for start in machine.startVersionMismatches { Console.out("    \(start.line)") }
            }
        } else {
            Console.out("fidelity to production: not measured (no capture of the mirrored hosts)")
        }
        Console.out("verdict: \(result.verdict.title)")
        for reason in result.reasons { Console.out("  - \(reason)") }
        Console.out("logs and reports: \(result.runDirectory)")
    }

    /// Each patch of a batch: what it alone changed, and its verdict; the bisection and the follow-up.
    static func batchSummary(_ result: RehearsalResult) {
        guard result.change.isBatch else { return }
        for install in result.batch?.installs ?? [] {
            guard let lines = install.diff?.lines, !lines.isEmpty else { continue }
            Console.out("patch \(install.patch) changed \(install.machine):")
            for line in lines.prefix(10) { Console.out("  \(line)") }
            if lines.count > 10 { Console.out("  … \(lines.count - 10) more") }
        }
        Console.out("patches of the batch:")
        for verdict in result.patchVerdicts {
            Console.out(
                "  " + verdict.state.title.padding(toLength: 12, withPad: " ", startingAt: 0)
                    + "\(verdict.patch) [\(verdict.priority.rawValue)]: \(verdict.evidence)")
        }
        guard let bisection = result.batch?.bisection else { return }
        Console.out(bisection.summary)
        for step in bisection.steps {
            Console.out("  step \(step.number): \(step.patches.joined(separator: ", ")) → \(step.outcome.rawValue)")
        }
        for note in bisection.notes { Console.out("  note: \(note)") }
        if bisection.complete, !bisection.culprits.isEmpty {
            Console.out(
                "the batch without the culprit: patchlab change new --from-run \(result.runID) --without \(bisection.culprits.joined(separator: ","))"
            )
        }
    }
}
