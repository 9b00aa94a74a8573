import ArgumentParser

/// `patchlab lab`: bring labs up, look at them, run commands in them, take them down.
struct LabCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lab",
        abstract: "Bring a lab of VMs up and down, and work with its machines.",
        subcommands: [
            LabUpCommand.self, LabStatusCommand.self, LabExecCommand.self, LabCopyCommand.self, LabDownCommand.self,
            LabFidelityCommand.self,
        ]
    )
}
