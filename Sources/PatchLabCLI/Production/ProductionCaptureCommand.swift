import ArgumentParser
import Foundation
import PatchLabEngine
import PatchLabModel

/// `patchlab production capture HOST`: the read-only fingerprint probe over the system's ssh, kept
/// as `production/NAME.json`; or `--from FILE` for a host that cannot be reached.
struct ProductionCaptureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capture",
        abstract: "Fingerprint a production host over ssh (read-only) and keep it as production/NAME.json.",
        discussion: """
            Runs the same probe lab machines are fingerprinted with, through the system's ssh client: your \
            ~/.ssh/config, jump hosts and agent apply. It reads and changes nothing on the host. ssh runs in batch \
            mode: the host's key must already be known (or pass --ssh-option StrictHostKeyChecking=accept-new). \
            For a host ssh cannot reach, run `patchlab production probe-script` there and import its output \
            with --from FILE --as NAME.
            """
    )

    @Argument(help: "The ssh destination: [user@]host, a Host of your ssh config, or ssh://[user@]host[:port].")
    var host: String?

    @Option(name: .customLong("as"), help: "The capture's name (default: the host name); lab machines find it by their mirrors: name.")
    var name: String?

    @Option(name: .customLong("ssh-option"), help: "An ssh -o option, e.g. Port=2222 (repeatable; yours win over PatchLab's).")
    var sshOptions: [String] = []

    @Option(name: .customLong("ssh-config"), help: "An ssh config file (ssh -F).")
    var sshConfig: String?

    @Option(name: .customLong("copy"), help: "A watched config file to copy too, for matched images (repeatable; never implicit).")
    var copy: [String] = []

    @Option(help: "Import the probe's output from this file instead of running it over ssh.")
    var from: String?

    @Option(help: "Seconds before the probe is given up.")
    var timeout: Int = 300

    @OptionGroup var probe: ProbeOptions
    @OptionGroup var production: ProductionOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        switch (host, from) {
        case (nil, nil): throw ValidationError("give the host to capture, or --from FILE with the probe's output")
        case (_?, _?): throw ValidationError("give either a host or --from FILE, not both")
        case (nil, _?): if name == nil { throw ValidationError("--from needs --as NAME: the file does not say which host it is") }
        default: break
        }
        if from != nil && !copy.isEmpty { throw ValidationError("--copy reads files over ssh; it cannot be used with --from") }
        guard (1...86400).contains(timeout) else { throw ValidationError("--timeout must be from 1 to 86400 seconds") }
    }

    func run() async throws {
        try await reportingErrors {
            let store = try production.store()
            let capture = ProductionCapture(spec: probe.spec, sshOptions: sshOptions, sshConfig: sshConfig, timeout: .seconds(timeout))
            let record: ProductionRecord
            if let from {
                record = try capture.importOutput(from: from, name: name!)
            } else {
                let host = self.host!
                guard let name = name ?? ProductionName.from(host: host) else {
                    throw ValidationError("cannot make a capture name of '\(host)'; give one with --as NAME")
                }
                if output.showsProgress { Console.out("probing \(host) over ssh (read-only)…") }
                record = try await capture.capture(host: host, name: name, copy: copy)
            }
            let path = try store.save(record)
            if output.json { return try Console.json(ProductionSummary(record, path: path)) }
            Console.out("captured \(record.name) from \(record.host)" + (record.hostKey.map { " (host key \($0))" } ?? ""))
            Console.out("  " + ProductionSummary(record, path: path).counts)
            Console.out("  saved to \(path)")
        }
    }
}
