import ArgumentParser
import Foundation
import PatchLabEngine

/// `patchlab lab copy LAB.yaml SOURCE DEST`: copies a file into or out of a lab machine, in chunks
/// through the guest agent (any size). One side is `MACHINE:/path`.
struct LabCopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a file to or from a lab machine (one side written MACHINE:/path)."
    )

    @Argument(help: "The lab file, e.g. labs/demo.yaml.")
    var labFile: String

    @Argument(help: "A host path, or MACHINE:/guest/path.")
    var source: String

    @Argument(help: "A host path, or MACHINE:/guest/path.")
    var destination: String

    /// `web-01:/etc/os-release` → ("web-01", "/etc/os-release"); a host path has no machine.
    static func split(_ text: String) -> (machine: String, path: String)? {
        guard let colon = text.firstIndex(of: ":"), !text[..<colon].contains("/") else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }

    func validate() throws {
        switch (Self.split(source), Self.split(destination)) {
        case (nil, nil): throw ValidationError("one side must be MACHINE:/path")
        case (.some, .some): throw ValidationError("copy between two machines is not supported; go through the host")
        default: break
        }
    }

    func run() async throws {
        try await reportingErrors {
            let lab = try CLIContext.lab(labFile)
            let inspector = LabInspector(provisioner: try CLIContext.provisioner())
            if let guest = Self.split(destination) {
                try await inspector.channel(lab: lab, machine: guest.machine).upload(source, to: guest.path)
            } else if let guest = Self.split(source) {
                try await inspector.channel(lab: lab, machine: guest.machine).download(guest.path, to: destination)
            }
        }
    }
}
