import ArgumentParser

/// `patchlab image`: golden images that lab machines are linked clones of.
struct ImageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image",
        abstract: "Build and list golden images.",
        subcommands: [ImageBuildCommand.self, ImageListCommand.self]
    )
}
