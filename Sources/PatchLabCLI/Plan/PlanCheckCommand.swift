import ArgumentParser
import Foundation
import PatchLabModel

/// `patchlab plan check PLAN.yaml [--lab LAB.yaml]`: validates a plan; exit 0 valid, 1 not.
struct PlanCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Validate a test plan (and, with --lab, that its machines exist).")

    @Argument(help: "The plan file, e.g. testplans/web.yaml.")
    var planFile: String

    @Option(help: "A lab file whose machines and roles the plan's cases must name.")
    var lab: String?

    func run() async throws {
        try await reportingErrors {
            let plan = try TestPlan.load(contentsOf: planFile)
            if let lab {
                let problems = plan.check(against: try CLIContext.lab(lab))
                if !problems.isEmpty { throw ModelError(problems) }
            }
            Console.out(
                "\(planFile): plan \(plan.id) is valid: \(plan.cases.count) cases"
                    + (lab.map { ", all machines found in \($0)" } ?? ""))
        }
    }
}
