import ArgumentParser
import Foundation

/// `--json`, and whether to show progress: only on a terminal, and never with `--json`.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print one JSON document instead of text, with no progress lines.")
    var json = false

    var showsProgress: Bool { !json && isatty(STDOUT_FILENO) == 1 }
}
