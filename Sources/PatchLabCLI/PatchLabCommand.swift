import ArgumentParser

/// `patchlab`: rehearse patches on libvirt labs before a change board approves them.
public struct PatchLabCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "patchlab",
        abstract: "Rehearse a patch on a lab of libvirt VMs that mirror production, and prove its rollback.",
        version: PatchLabCommand.version,
        subcommands: [
            ImageCommand.self, LabCommand.self, PlanCommand.self, ChangeCommand.self, UpdatesCommand.self, RehearseCommand.self,
            BisectCommand.self, RunsCommand.self, RecoverCommand.self, PacketCommand.self, ApproveCommand.self, BoardCommand.self,
            KeysCommand.self, BenchCommand.self, ProductionCommand.self,
        ]
    )

    /// The tool's version, written into every packet's manifest.
    public static let version = "0.2.0"

    public init() {}
}

extension PatchLabCommand {
    /// Parses `arguments` (the process's by default) and runs the chosen command.
    ///
    /// Spelled out because at a call site the synchronous `ParsableCommand.main()` wins overload
    /// resolution over the async one, and then refuses to run async subcommands.
    public static func runAsRoot(_ arguments: [String]? = nil) async {
        do {
            var command = try await asyncParseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
