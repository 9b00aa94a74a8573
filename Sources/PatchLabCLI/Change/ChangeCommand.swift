import ArgumentParser

/// `patchlab change`: change requests to rehearse.
struct ChangeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "change",
        abstract: "Check a change request without rehearsing it, or write a new one.",
        subcommands: [ChangeCheckCommand.self, ChangeNewCommand.self]
    )
}
