import ArgumentParser
import Foundation
import PatchLabEngine
import PatchLabModel

/// `patchlab updates LAB|production/NAME.json`: what is pending for each machine or host.
struct UpdatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "updates",
        abstract: "List the installed packages that have a newer version in their Debian release's suites.",
        discussion: """
            For a lab file, the lab must be up: each machine's packages come from a fingerprint taken through its \
            guest agent, its release from the agent's OS facts. For a .json file, the packages come from the stored \
            fingerprint of a production host (its release from its base-files version, or --release). The host's own \
            apt is asked (apt-get update, then apt's version tables) through a private configuration and state under \
            $PATCHLAB_HOME/apt/RELEASE/, with sources for the release and its -updates and -security suites: the \
            host's apt state is not changed, and no guest reaches a network. Security updates are listed first.
            """)

    @Argument(help: "A lab file (labs/demo.yaml, the lab up) or a stored fingerprint (production/NAME.json).")
    var target: String

    @Option(help: "Which suites to list, comma-separated: security, updates, release (default: all three).")
    var suites: String?

    @Option(help: "The Debian release (bookworm or 12), when the machines' own facts do not say it.")
    var release: String?

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingErrors {
            let suites = try UpdateTarget.suites(suites)
            let environment = try CLIContext.environment()
            let target = UpdateTarget(path: target)
            let machines = try await target.installed(release: release, environment: environment)
            let showProgress = output.showsProgress
            let found = try UpdateFinder(environment: environment).pending(machines, suites: suites) { if showProgress { Console.err($0) } }
            if output.json { return try Console.json(found) }
            for machine in found {
                Console.out(
                    "\(machine.machine) (\(machine.release)): \(machine.updates.count) pending update\(machine.updates.count == 1 ? "" : "s")"
                )
                guard !machine.updates.isEmpty else { continue }
                var rows = [["PACKAGE", "INSTALLED", "CANDIDATE", "SUITE", "SOURCE"]]
                rows += machine.updates.map { [$0.package, $0.installed, $0.candidate, $0.suiteName, $0.source] }
                Console.out(TextTable.render(rows).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
            }
        }
    }
}
