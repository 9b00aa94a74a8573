import ArgumentParser
import Foundation
import PatchLabEngine
import PatchLabModel

/// `patchlab lab down LAB.yaml`: removes exactly what `up` created; fine to run twice.
struct LabDownCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "down", abstract: "Remove everything the lab's `up` created, and nothing else.")

    @Argument(help: "The lab file, e.g. labs/demo.yaml, or the lab's name when its file is gone.")
    var labFile: String

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingErrors {
            let name = try labName()
            let wasUp = try await CLIContext.provisioner().down(
                labNamed: name, progress: Console.labProgress(enabled: output.showsProgress))
            if output.json { return try Console.json(["lab": name, "removed": wasUp ? "yes" : "nothing to remove"]) }
            Console.out(wasUp ? "lab \(name) is down" : "lab \(name) was not up; nothing to remove")
        }
    }

    /// The lab's name from its file, or the argument itself when it names no file and is shaped like
    /// a lab name: what `up` recorded is all `down` needs, and a lab whose file was deleted (a
    /// scratch file of a killed run) must still come down.
    private func labName() throws -> String {
        if Lab.isValidName(labFile) && !FileManager.default.fileExists(atPath: labFile) { return labFile }
        return try CLIContext.lab(labFile).name
    }
}
