import ArgumentParser
import Foundation

/// `patchlab production probe-script`: the probe, for hosts ssh cannot reach.
struct ProductionProbeScriptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe-script",
        abstract: "Print the read-only probe, to run by hand on a host ssh cannot reach.",
        discussion: """
            Run it with /bin/sh on the host (it reads only, and prints one fact per line), bring its output back, \
            and import it: `patchlab production capture --from OUTPUT --as NAME`. Give the same --watch and \
            --ignore to both commands.
            """
    )

    @OptionGroup var probe: ProbeOptions

    func run() async throws {
        FileHandle.standardOutput.write(Data((probe.spec.probeScript + "\n").utf8))
    }
}
