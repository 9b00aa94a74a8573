import ArgumentParser
import Foundation
import PatchLabEngine

/// `patchlab lab status LAB.yaml`: machines, state, host, and OS facts from the guest agent.
struct LabStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show each machine's state, host and guest OS.")

    @Argument(help: "The lab file, e.g. labs/demo.yaml.")
    var labFile: String

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingErrors {
            let lab = try CLIContext.lab(labFile)
            let provisioner = try CLIContext.provisioner()
            let machines = try await LabInspector(provisioner: provisioner).status(of: lab)
            if output.json { return try Console.json(machines) }
            let prefix = try provisioner.state(of: lab.name)?.prefix
            Console.out("lab \(lab.name)" + (prefix.map { " (up as \($0))" } ?? " (not up)"))
            var rows = [["MACHINE", "ROLE", "MIRRORS", "CRITICALITY", "STATE", "ACCEL", "HOST", "GUEST"]]
            for m in machines {
                let guest =
                    m.os.map { "\(m.hostname ?? "?"): \($0.prettyName ?? $0.name ?? "?"), kernel \($0.kernelRelease ?? "?")" }
                    ?? m.guestError ?? "-"
                rows.append([
                    m.name, m.role, m.mirrors, m.criticality, m.state, m.accelerator ?? "-",
                    m.hostURI.isEmpty ? m.host : "\(m.host) (\(m.hostURI))", guest,
                ])
            }
            Console.out(TextTable.render(rows))
        }
    }
}
