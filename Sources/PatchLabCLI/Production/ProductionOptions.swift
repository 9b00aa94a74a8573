import ArgumentParser
import Foundation
import PatchLabEngine
import PatchLabModel

/// `--production DIR`: the folder of production captures, for every command that reads or writes them.
struct ProductionOptions: ParsableArguments {
    @Option(
        name: .customLong("production"),
        help: "The folder of production captures (default: $PATCHLAB_HOME/production).")
    var directory: String?

    func store() throws -> ProductionStore {
        ProductionStore(directory: directory, environment: try CLIContext.environment())
    }
}

/// `--watch` and `--ignore`: what the probe digests, the same for `capture` and `probe-script` so an
/// imported output is read with the spec it was made with.
struct ProbeOptions: ParsableArguments {
    @Option(name: .customLong("watch"), help: "An absolute path whose files are digested (repeatable; default /etc).")
    var watch: [String] = []

    @Option(name: .customLong("ignore"), help: "An absolute path left out of the watch (repeatable; default: the change file's defaults).")
    var ignore: [String] = []

    func validate() throws {
        for path in watch + ignore where !path.hasPrefix("/") {
            throw ValidationError("'\(path)' is not an absolute path")
        }
    }

    var spec: FingerprintSpec {
        var spec = ProductionCapture.defaultSpec
        if !watch.isEmpty { spec.watch = watch }
        if !ignore.isEmpty { spec.ignore = ignore }
        return spec
    }
}
