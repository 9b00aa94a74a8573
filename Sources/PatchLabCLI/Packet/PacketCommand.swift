import ArgumentParser

/// `patchlab packet`: read, verify and export evidence packets.
struct PacketCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "packet", abstract: "Show, verify and export evidence packets.",
        subcommands: [PacketShowCommand.self, PacketVerifyCommand.self, PacketExportCommand.self])
}
