import ArgumentParser
import Foundation
import PatchLabEvidence
import PatchLabModel

/// `patchlab plan show PLAN.yaml`: the plan as the change board reads it, in Markdown.
struct PlanShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print a test plan as the change board reads it (Markdown).")

    @Argument(help: "The plan file, e.g. testplans/web.yaml.")
    var planFile: String

    func run() async throws {
        try await reportingErrors {
            Console.out(PlanDocument.markdown(try TestPlan.load(contentsOf: planFile)))
        }
    }
}
