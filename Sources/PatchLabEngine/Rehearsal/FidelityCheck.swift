import Foundation
import PatchLabModel

/// The rehearsal's fidelity to production: each target's baseline fingerprint against the capture
/// of the host it mirrors, and where each patched package starts on both sides. Captures are read
/// once, when the check is made; the report can be made again as the run learns more (the patch's
/// diffs name the packages it changed).
struct FidelityCheck: Sendable {
    let context: RehearsalContext
    let captures: [String: ProductionStore.Loaded]
    let measure: FidelityMeasure

    /// Reads the captures of the targets' mirrored hosts. An unsound capture file stops the
    /// rehearsal before anything is patched, like any other bad input.
    init(context: RehearsalContext) throws {
        self.context = context
        let store = ProductionStore(directory: context.options.productionDirectory, environment: context.provisioner.environment)
        measure = FidelityMeasure(store: store)
        let targets = context.inputs.targets.compactMap { context.lab.machine(named: $0) }
        captures = try measure.captures(for: targets)
    }

    /// The report for the targets' baseline fingerprints; `patchDiffs` (empty before the patch)
    /// add the packages the patch changed to those its `.deb` files name.
    func report(baseline: [Fingerprint], patchDiffs: [FingerprintDiff] = []) -> FidelityReport {
        let change = context.change
        let machines = context.inputs.targets.compactMap { context.lab.machine(named: $0) }.map { machine in
            let fingerprint = baseline.first { $0.machine == machine.name }
            let diff = patchDiffs.first { $0.machine == machine.name }
            return measure.compare(
                machine: machine, fingerprint: fingerprint, labSpec: change.fingerprint,
                capture: captures[machine.name], patched: PatchedPackages.names(change: change, diff: diff))
        }
        return FidelityReport(machines: machines)
    }

    /// One progress line per target: its score, or why it was not measured.
    func announce(_ report: FidelityReport) {
        for machine in report.machines {
            if let production = machine.production {
                context.progress(
                    .note("fidelity of \(machine.machine) to \(production.name): \(FidelityReport.format(machine.computedScore))"))
            } else {
                context.progress(.note("fidelity of \(machine.machine) not measured: \(machine.notMeasured ?? "no capture")"))
            }
        }
    }
}
