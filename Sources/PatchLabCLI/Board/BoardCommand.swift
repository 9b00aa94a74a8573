import ArgumentParser

/// `patchlab board`: the change board's web page and JSON API (`board serve`, the default), and
/// `board secret` to hash a member's sign-in secret for the members file.
struct BoardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "board", abstract: "Serve the change board's web page and API, or hash a member's board secret.",
        subcommands: [BoardServeCommand.self, BoardSecretCommand.self], defaultSubcommand: BoardServeCommand.self)
}
