import ArgumentParser
import Foundation
import PatchLabEvidence

/// `--max-unpacked-size` for the commands that read a packet's `.tar.gz` (`packet verify`, `show`, `export`).
struct ArchiveOptions: ParsableArguments {
    @Option(help: ArgumentHelp("How much a .tar.gz may unpack to before it is refused, e.g. 4G, 512M, 1048576 "
                               + "(default: $\(PacketArchive.Limits.environmentVariable) or 4G).", valueName: "size"))
    var maxUnpackedSize: String?

    /// The cap from the option, else the environment, else the default; a value that is no size is an error.
    func limits(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PacketArchive.Limits {
        let variable = PacketArchive.Limits.environmentVariable
        let (text, source) = maxUnpackedSize.map { ($0, "--max-unpacked-size") }
            ?? environment[variable].map { ($0, "$\(variable)") } ?? (nil, "")
        guard let text else { return PacketArchive.Limits() }
        guard let bytes = PacketArchive.Limits.parseSize(text) else {
            throw ValidationError("\(source): expected a size such as 4G, 512M or 1048576, found '\(text)'")
        }
        return PacketArchive.Limits(maxUnpackedBytes: bytes)
    }
}
