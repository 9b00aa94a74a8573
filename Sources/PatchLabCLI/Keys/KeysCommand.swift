import ArgumentParser

/// `patchlab keys`: the Ed25519 keys that sign evidence packets, and those this host trusts.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Manage packet signing keys and trusted keys.",
        subcommands: [KeysGenerateCommand.self, KeysListCommand.self, KeysTrustCommand.self])
}
