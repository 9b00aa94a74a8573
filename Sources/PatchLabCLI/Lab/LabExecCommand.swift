import ArgumentParser
import Foundation
import Libvirt
import PatchLabEngine

/// `patchlab lab exec LAB.yaml MACHINE -- COMMAND…`: runs a command in a guest and exits with its status.
struct LabExecCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Run a command in a lab machine; prints its output and exits with its exit status.",
        discussion: "A command still running after --timeout is killed and reported as timed out (exit status 124)."
    )

    @Argument(help: "The lab file, e.g. labs/demo.yaml.")
    var labFile: String

    @Argument(help: "The machine's name in the lab.")
    var machine: String

    @Option(help: "Seconds before the command is killed.")
    var timeout: Int = 300

    @Argument(parsing: .postTerminator, help: "The command and its arguments, after --.")
    var command: [String] = []

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard !command.isEmpty else { throw ValidationError("give the command after --, e.g. `-- systemctl is-active nginx`") }
        guard timeout > 0 else { throw ValidationError("--timeout must be a positive number of seconds") }
    }

    private struct Report: Encodable {
        var machine: String
        var exitCode: Int?
        var signal: Int?
        var timedOut: Bool
        var stdout: String
        var stderr: String
        var seconds: Double
    }

    func run() async throws {
        var status: Int32 = 0
        try await reportingErrors(exitStatus: 2) {
            let lab = try CLIContext.lab(labFile)
            let channel = try await LabInspector(provisioner: try CLIContext.provisioner()).channel(lab: lab, machine: machine)
            // Output goes through guest files into a host folder, so any amount of it is fine.
            let sink = FileManager.default.temporaryDirectory.appendingPathComponent("patchlab-exec-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: sink, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: sink) }
            let result = try await channel.exec(
                GuestCommand(
                    path: command[0], arguments: Array(command.dropFirst()),
                    timeout: .seconds(timeout),
                    output: .viaGuestFiles(keep: 1 << 20, sinkDirectory: sink)))
            status = result.timedOut ? 124 : Int32(result.exitCode ?? 128 + (result.signal ?? 0))
            if output.json {
                let seconds = Double(result.duration.components.seconds) + Double(result.duration.components.attoseconds) / 1e18
                return try Console.json(
                    Report(
                        machine: machine, exitCode: result.exitCode, signal: result.signal, timedOut: result.timedOut,
                        stdout: result.stdoutText, stderr: result.stderrText, seconds: seconds))
            }
            if let data = FileManager.default.contents(atPath: sink + "/stdout") { FileHandle.standardOutput.write(data) }
            if let data = FileManager.default.contents(atPath: sink + "/stderr") { FileHandle.standardError.write(data) }
            if result.timedOut { Console.err("patchlab: \(command[0]) timed out after \(timeout) s and was killed") }
        }
        if status != 0 { throw ExitCode(status) }
    }
}
