import ArgumentParser
import Foundation
import PatchLabEngine

/// `patchlab image build NAME`: runs `labs/images/NAME/build.sh` and records the image's sha256.
struct ImageBuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "Build a golden image from its recipe in labs/images/.")

    @Argument(help: "The recipe's name, e.g. debian-12.")
    var name: String

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingErrors {
            let record = try ImageBuilder(environment: try CLIContext.environment()).build(name)
            if output.json {
                try Console.json(record)
            } else {
                Console.out("built \(record.name): \(record.disk)")
                Console.out("  sha256 \(record.sha256)  \(ByteCountFormatter.string(fromByteCount: Int64(record.sizeBytes), countStyle: .binary))")
            }
        }
    }
}
