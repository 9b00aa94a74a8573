import ArgumentParser
import Foundation
import PatchLabEngine

/// `patchlab lab down LAB.yaml`: removes exactly what `up` created; fine to run twice.
struct LabDownCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "down", abstract: "Remove everything the lab's `up` created, and nothing else.")

    @Argument(help: "The lab file, e.g. labs/demo.yaml.")
    var labFile: String

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingErrors {
            let lab = try CLIContext.lab(labFile)
            let wasUp = try await CLIContext.provisioner().down(
                labNamed: lab.name, progress: Console.labProgress(enabled: output.showsProgress))
            if output.json { return try Console.json(["lab": lab.name, "removed": wasUp ? "yes" : "nothing to remove"]) }
            Console.out(wasUp ? "lab \(lab.name) is down" : "lab \(lab.name) was not up; nothing to remove")
        }
    }
}
