import ArgumentParser
import Foundation
import PatchLabEngine
import PatchLabModel

/// `patchlab change check CHANGE.yaml`: everything `rehearse` would check before it touches a lab —
/// the change, its lab and plans, the patch files' digests, the deployment machines — with no VM
/// started. Exit 0 when it would start, 1 (with file:line:column errors) when it would refuse.
struct ChangeCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a change file, its lab, plans and patch files, without starting anything.",
        discussion: """
            Loads the change as `patchlab rehearse` does: every file is validated (errors name the file, line \
            and column), the plans' machines and roles must be in the lab, and every patch file must have the \
            sha256 the change states. Prints what a rehearsal would do: the lab, the plans and their cases, \
            the patch files, the install command, and the machines in deployment order. Starts no VM.
            """)

    @Argument(help: "The change file, e.g. changes/CHG-0001-nginx-security-update.yaml.")
    var changeFile: String

    @Option(help: "Only these machines (comma-separated names), as `rehearse --machines` would.")
    var machines: String?

    @Flag(help: "As `rehearse --reduced` would (emergency changes only).")
    var reduced = false

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingErrors {
            let inputs = try RehearsalInputs.load(
                changeFile, machines: machines.map { $0.split(separator: ",").map(String.init) },
                reducedPlan: reduced)
            let report = ChangeCheckReport(inputs)
            if output.json { return try Console.json(report) }
            Console.out(report.text)
        }
    }
}

/// What `change check` found, for the terminal and `--json`.
struct ChangeCheckReport: Encodable {
    struct Plan: Encodable { var id: String; var title: String; var version: String; var file: String; var cases: Int }
    struct PatchFile: Encodable { var name: String; var sha256: String; var destination: String }
    struct Target: Encodable { var machine: String; var role: String; var criticality: String; var host: String; var mirrors: String }

    var change: String
    var file: String
    var title: String
    var type: String
    var risk: String
    var lab: String
    var labFile: String
    var plans: [Plan]
    var verifyPlans: [Plan]
    var patchFiles: [PatchFile]
    var install: String
    var deployment: String
    var targets: [Target]
    var rollback: String
    /// A batch's patches in the order they are applied; absent for a change of one patch.
    var patches: [Patch]?

    struct Patch: Encodable { var id: String; var priority: String; var files: [String]; var install: String }

    init(_ inputs: RehearsalInputs) {
        let change = inputs.change
        self.change = change.id
        file = change.file
        title = change.title
        type = change.type.rawValue
        risk = change.risk.rawValue
        lab = inputs.lab.name
        labFile = inputs.lab.file
        func plan(_ plan: TestPlan) -> Plan {
            Plan(id: plan.id, title: plan.title, version: plan.version, file: plan.file, cases: plan.cases.count)
        }
        plans = inputs.plans.map(plan)
        verifyPlans = inputs.verifyPlans.map(plan)
        patchFiles = change.patch.files.map { PatchFile(name: $0.fileName, sha256: $0.sha256, destination: $0.destination) }
        install = change.patch.install.description
        deployment = change.deployment.order.rawValue
        targets = inputs.targets.compactMap { name in
            inputs.lab.machines.first { $0.name == name }.map {
                Target(machine: $0.name, role: $0.role, criticality: $0.criticality.rawValue, host: $0.host, mirrors: $0.mirrors)
            }
        }
        rollback = change.rollback.strategy.rawValue
        patches =
            change.isBatch
            ? change.patches.map {
                Patch(id: $0.id, priority: $0.priority.rawValue, files: $0.files.map(\.fileName), install: $0.install.description)
            } : nil
    }

    var text: String {
        var lines = ["change \(change) (\(type), risk \(risk)): \(title)", "lab \(lab) (\(labFile))", "plans:"]
        lines += plans.map { "  \($0.id) \($0.title), version \($0.version): \($0.cases) case(s) (\($0.file))" }
        if !verifyPlans.isEmpty {
            lines.append("rollback verification plans:")
            lines += verifyPlans.map { "  \($0.id) \($0.title), version \($0.version): \($0.cases) case(s) (\($0.file))" }
        }
        lines.append("patch files (sha256 checked):")
        lines += patchFiles.isEmpty ? ["  none"] : patchFiles.map { "  \($0.name) \($0.sha256) → \($0.destination)" }
        if let patches {
            lines.append("batch of \(patches.count) patches, applied in this order on each machine:")
            for patch in patches {
                lines.append("  \(patch.id) [\(patch.priority)]: \(patch.files.isEmpty ? "no file" : patch.files.joined(separator: ", "))")
                lines.append("    install: \(patch.install)")
            }
        } else {
            lines.append("install: \(install)")
        }
        lines.append("deployment (\(deployment)), in order:")
        lines += targets.enumerated().map {
            "  \($0.offset + 1). \($0.element.machine) [\($0.element.criticality)] role \($0.element.role), "
                + "host \($0.element.host), mirrors \($0.element.mirrors)"
        }
        lines.append("rollback: \(rollback)")
        lines.append("\(file): ready to rehearse; nothing was started")
        return lines.joined(separator: "\n")
    }
}
