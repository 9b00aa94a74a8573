import ArgumentParser
import Foundation
import PatchLabEngine

/// `patchlab image list`: the built golden images with their digests.
struct ImageListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List built golden images.")

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingErrors {
            let images = try ImageCatalog(environment: try CLIContext.environment()).list()
            if output.json { return try Console.json(images) }
            if images.isEmpty { return Console.out("no images built yet; try `patchlab image build debian-12`") }
            let dates = ISO8601DateFormatter()
            var rows = [["NAME", "PATH", "SIZE", "SHA256", "BUILT"]]
            for image in images {
                rows.append([
                    image.name, image.disk,
                    ByteCountFormatter.string(fromByteCount: Int64(image.sizeBytes), countStyle: .binary),
                    image.sha256, dates.string(from: image.builtAt),
                ])
            }
            Console.out(TextTable.render(rows))
        }
    }
}
