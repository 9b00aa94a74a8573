import Foundation
import PatchLabModel

/// Everything a rehearsal reads, loaded and checked once before anything is touched: the change, its
/// lab and plans (and rollback-verification plans), the patch files' digests on the host, and the
/// target machines in deployment order. The session, the CLI and the packet writer all take this
/// value; nobody reads a file again.
public struct RehearsalInputs: Sendable {
    public let change: Change
    public let lab: Lab
    public let plans: [TestPlan]
    public let verifyPlans: [TestPlan]
    /// The machines to patch, in deployment order (``Change/deploymentOrder(in:)``), narrowed by `--machines`.
    public let targets: [String]

    public init(change: Change, lab: Lab, plans: [TestPlan], verifyPlans: [TestPlan], targets: [String]) {
        self.change = change
        self.lab = lab
        self.plans = plans
        self.verifyPlans = verifyPlans
        self.targets = targets
    }

    /// Loads and checks every input. Bad input throws with file:line and nothing is created.
    ///
    /// - Parameters:
    ///   - machines: only these targets (`--machines`); each must be one of the change's.
    ///   - reducedPlan: `--reduced`, which only an emergency change may use.
    public static func load(_ changeFile: String, machines: [String]? = nil, reducedPlan: Bool = false) throws -> RehearsalInputs {
        let change = try Change.load(contentsOf: changeFile)
        let lab = try Lab.load(contentsOf: change.lab.value)
        let plans = try change.plans.map { try TestPlan.load(contentsOf: $0.value) }
        let verifyPlans = try change.rollback.verifyPlans.map { try TestPlan.load(contentsOf: $0.value) }
        var problems = change.check(against: lab) + change.check(against: plans)
        for plan in plans + verifyPlans { problems += plan.check(against: lab) }
        for file in change.patch.files {
            let actual = try FileDigest.sha256(ofFile: file.source)
            if actual != file.sha256 {
                problems.append(
                    .error(
                        "patch file \(file.fileName) has sha256 \(actual); expected \(file.sha256) "
                            + "(the file changed since the change was written, or it is not the file meant)", at: file.digestLocation))
            }
        }
        if reducedPlan && change.type != .emergency {
            problems.append(
                .error(
                    "a reduced plan (critical cases only) is for emergency changes; this change's type is "
                        + "\(change.type.rawValue)", at: change.location))
        }
        if !problems.isEmpty { throw ModelError(problems) }
        var targets = change.deploymentOrder(in: lab).map(\.name)
        if let machines {
            let unknown = machines.filter { !targets.contains($0) }
            if !unknown.isEmpty {
                throw EngineError.machineNotInLab(machine: unknown.joined(separator: ", "), lab: lab.name, known: targets)
            }
            targets = targets.filter { machines.contains($0) }
        }
        return RehearsalInputs(change: change, lab: lab, plans: plans, verifyPlans: verifyPlans, targets: targets)
    }
}
