import ArgumentParser
import Foundation
import PatchLabEngine

/// `patchlab lab up LAB.yaml`: linked clones, define, start, wait for every guest agent.
struct LabUpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up", abstract: "Bring a lab up: every machine booted and its guest agent answering.")

    @Argument(help: "The lab file, e.g. labs/demo.yaml.")
    var labFile: String

    @Flag(help: "If bringing the lab up fails, keep what was created for inspection.")
    var keepOnFailure = false

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingErrors {
            let lab = try CLIContext.lab(labFile)
            let state = try await CLIContext.provisioner().up(
                lab, keepOnFailure: keepOnFailure,
                progress: Console.labProgress(enabled: output.showsProgress))
            if output.json { return try Console.json(state) }
            Console.out("lab \(lab.name) is up as \(state.prefix): \(state.machines.map(\.name).joined(separator: ", "))")
        }
    }
}
