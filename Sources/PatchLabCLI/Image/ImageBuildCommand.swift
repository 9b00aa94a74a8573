import ArgumentParser
import Foundation
import PatchLabEngine

/// `patchlab image build NAME`: runs `labs/images/NAME/build.sh` and records the image's sha256.
struct ImageBuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "Build a golden image from its recipe in labs/images/.")

    @Argument(help: "The recipe's name, e.g. debian-12.")
    var name: String

    @Flag(help: "Skip the build when the image exists and was built from the recipe as it is now.")
    var ifNeeded = false

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingErrors {
            let builder = ImageBuilder(environment: try CLIContext.environment())
            if ifNeeded, let current = try builder.upToDate(name) {
                if output.json { return try Console.json(current) }
                return Console.out("\(name) is up to date (sha256 \(current.sha256))")
            }
            let record = try builder.build(name)
            if output.json {
                try Console.json(record)
            } else {
                Console.out("built \(record.name): \(record.disk)")
                Console.out("  sha256 \(record.sha256)  \(ByteCountFormatter.string(fromByteCount: Int64(record.sizeBytes), countStyle: .binary))")
            }
        }
    }
}
