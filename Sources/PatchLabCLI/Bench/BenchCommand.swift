import ArgumentParser

/// `patchlab bench`: benchmarks that print PatchLab's cost against the raw libvirt floor, measured in the same run.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure PatchLab against raw libvirt on this host.",
        subcommands: [
            BenchLabCommand.self, BenchPlanCommand.self, BenchRehearseCommand.self, BenchPacketCommand.self, BenchScaleCommand.self,
            BenchBisectCommand.self, BenchFingerprintCommand.self, BenchFidelityCommand.self,
        ]
    )
}
