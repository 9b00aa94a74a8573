import ArgumentParser

/// `patchlab plan`: formal test plans with expected results.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Check, show, run and compare formal test plans.",
        subcommands: [PlanCheckCommand.self, PlanShowCommand.self, PlanRunCommand.self, PlanDiffCommand.self]
    )
}
