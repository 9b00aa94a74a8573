import ArgumentParser

/// `patchlab production`: capture production hosts read-only, and look at the captures.
struct ProductionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "production",
        abstract: "Capture production hosts' fingerprints (read-only, over ssh) for fidelity checks.",
        subcommands: [
            ProductionCaptureCommand.self, ProductionProbeScriptCommand.self, ProductionListCommand.self,
            ProductionShowCommand.self,
        ]
    )
}
