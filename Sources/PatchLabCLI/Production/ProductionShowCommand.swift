import ArgumentParser
import Foundation
import PatchLabEngine
import PatchLabModel

/// `patchlab production show NAME`: one capture, its facts, and where each package comes from.
struct ProductionShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one production capture.")

    @Argument(help: "The capture's name, as `production list` shows it.")
    var name: String

    @Flag(help: "Also list every package, service, port and watched file.")
    var all = false

    @OptionGroup var production: ProductionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingErrors {
            let loaded = try production.store().load(name)
            let record = loaded.record
            if output.json { return try Console.json(record) }
            let summary = ProductionSummary(record, path: loaded.path)
            Console.out("\(record.name): \(record.host)")
            Console.out(
                "  captured \(record.capturedAt.formatted(.iso8601)) by \(record.capturedBy) on \(record.capturedOn), \(record.method.rawValue)"
                    + (record.hostKey.map { ", host key \($0)" } ?? ""))
            Console.out("  " + summary.counts)
            Console.out("  file \(loaded.path), sha256 \(loaded.sha256)")
            let print = record.fingerprint
            if !print.packageOrigins.isEmpty {
                var archives: [String: Int] = [:]
                for origin in print.packageOrigins.values { archives[origin.isUnknown ? "no archive" : origin.archive, default: 0] += 1 }
                Console.out(
                    "  package origins: " + archives.sorted { $0.value > $1.value }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
            }
            if !record.copiedFiles.isEmpty {
                Console.out("  copied files: " + record.copiedFiles.map(\.path).joined(separator: ", "))
            }
            guard all else { return }
            for name in print.packages.keys.sorted() {
                let origin = print.packageOrigins[name].map { "  \($0)" } ?? ""
                Console.out("package \(name) \(print.packages[name]!)" + (print.packageStates[name].map { " (\($0))" } ?? "") + origin)
            }
            for name in print.services.keys.sorted() { Console.out("service \(name) \(print.services[name]!)") }
            for port in print.ports.sorted() { Console.out("port \(port)") }
            for path in print.files.keys.sorted() { Console.out("file \(path) \(print.files[path]!)") }
        }
    }
}
