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

    @Option(
        help:
            "A production capture (production/NAME.json): install its package versions where Debian's archives still have them, enable its services, copy its captured files."
    )
    var match: String?

    @Option(name: .customLong("as"), help: "The image's name, with --match (default: RECIPE-PRODUCTION).")
    var imageName: String?

    func validate() throws {
        if match != nil && ifNeeded {
            throw ValidationError("--if-needed cannot tell whether production changed; a matched image is always built")
        }
        if imageName != nil && match == nil { throw ValidationError("--as names a matched image; give --match") }
    }

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingErrors {
            if let match {
                let matched = try ImageMatcher(environment: try CLIContext.environment()).build(
                    recipe: name, matching: match, as: imageName)
                if output.json { return try Console.json(matched) }
                Console.out("built \(matched.image.name) matching \(matched.production): \(matched.image.disk)")
                Console.out("  " + matched.report.summary)
                for line in matched.report.unavailable { Console.out("  not in Debian's archives: \(line)") }
                for line in matched.report.notEnabled + matched.report.refused + matched.report.failures { Console.out("  \(line)") }
                Console.out("  report: \(URL(fileURLWithPath: matched.image.disk).deletingLastPathComponent().path)/match.json")
                return
            }
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
                Console.out(
                    "  sha256 \(record.sha256)  \(ByteCountFormatter.string(fromByteCount: Int64(record.sizeBytes), countStyle: .binary))")
            }
        }
    }
}
