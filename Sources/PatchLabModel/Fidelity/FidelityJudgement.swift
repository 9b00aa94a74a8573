/// What fidelity adds to a rehearsal's verdict, decided from the recorded report and the change's
/// demand alone, so a verifier reaches the same reasons from the packet:
///
/// | demand | fidelity | adds |
/// | --- | --- | --- |
/// | `min` | a target not measured | blocker: not measured for it |
/// | `min` | a target's computed score below `min` | blocker: its score and the minimum |
/// | `same_start_versions` | a target not measured | blocker: not measured for it |
/// | `same_start_versions` | a patched package starts elsewhere than production | blocker: the lab tested the upgrade from X; production runs Y |
/// | none | a patched package starts elsewhere than production | warning: the same words |
/// | none | not measured, or any score | nothing (the packet says "fidelity not measured" or shows the score) |
///
/// Every blocker starts with "the lab does not mirror production". Scores are always recomputed
/// from the recorded counts (``FidelityDimension/computedScore``), never taken as written.
public struct FidelityJudgement: Sendable, Hashable {
    public var blockers: [String] = []
    public var warnings: [String] = []

    public static let reasonPrefix = "the lab does not mirror production"

    public init(report: FidelityReport?, demand: FidelityDemand?) {
        let machines = report?.machines ?? []
        if let demand, demand.min != nil || demand.sameStartVersions {
            if machines.isEmpty {
                blockers.append("\(Self.reasonPrefix): fidelity not measured (demanded: \(demand.description))")
            }
            for machine in machines where !machine.isMeasured {
                blockers.append(
                    "\(Self.reasonPrefix): fidelity not measured for \(machine.machine)"
                        + (machine.notMeasured.map { " (\($0))" } ?? ""))
            }
        }
        for machine in machines where machine.isMeasured {
            if let demand, let min = demand.min {
                let score = machine.computedScore ?? 0
                if !demand.isMet(by: score) {
                    blockers.append(
                        "\(Self.reasonPrefix): \(machine.machine) scores \(FidelityReport.format(score)) against "
                            + "\(machine.production?.name ?? machine.mirrors), below the \(FidelityReport.format(min)) the change demands")
                }
            }
            for mismatch in machine.startVersionMismatches {
                if demand?.sameStartVersions == true {
                    blockers.append("\(Self.reasonPrefix): on \(machine.machine) \(mismatch.line)")
                } else {
                    warnings.append("\(machine.machine): \(mismatch.line)")
                }
            }
        }
    }
}
