import ArgumentParser
import Foundation
import PatchLabEvidence

/// `--max-unpacked-size` for the commands that read a packet's `.tar.gz` (`packet verify`, `show`, `export`).
struct ArchiveOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "How much a .tar.gz may unpack to before it is refused, e.g. 4G, 512M, 1048576 "
                + "(default: $\(PacketArchive.Limits.environmentVariable) or 4G).", valueName: "size"))
    var maxUnpackedSize: String?

    func validate() throws {
        if let maxUnpackedSize, PacketArchive.Limits.parseSize(maxUnpackedSize) == nil {
            throw ValidationError(Self.notASize("--max-unpacked-size", maxUnpackedSize))
        }
    }

    /// The cap from the option, else the environment, else the default; a value that is no size is an error.
    func limits(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PacketArchive.Limits {
        let variable = PacketArchive.Limits.environmentVariable
        guard let text = maxUnpackedSize ?? environment[variable] else { return PacketArchive.Limits() }
        guard let bytes = PacketArchive.Limits.parseSize(text) else {
            throw ValidationError(Self.notASize(maxUnpackedSize == nil ? "$\(variable)" : "--max-unpacked-size", text))
        }
        return PacketArchive.Limits(maxUnpackedBytes: bytes)
    }

    private static func notASize(_ source: String, _ text: String) -> String {
        "\(source): expected a size such as 4G, 512M or 1048576, found '\(text)'"
    }
}
