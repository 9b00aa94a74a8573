import Foundation
import PatchLabEngine

/// Writes to the terminal: results to stdout, problems to stderr, JSON when asked.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        out(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// A progress printer for lab operations, or a silent one.
    static func labProgress(enabled: Bool) -> LabProgress {
        guard enabled else { return { _ in } }
        return { event in
            switch event {
            case let .accelerator(host, choice): out("host \(host): \(choice.displayName) (\(choice.reason))")
            case let .carried(host, file, volume, uploaded):
                out(
                    "host \(host): \((file as NSString).lastPathComponent) \(uploaded ? "uploaded and checked" : "already there, checked") (\(volume))"
                )
            case let .placed(machine, host): out("  \(machine): placed on \(host) (host: auto)")
            case let .step(machine, text): out("  \(machine): \(text)…")
            case let .ready(machine, domain, seconds): out("  \(machine): ready as \(domain) in \(String(format: "%.1f", seconds)) s")
            case let .removed(kind, name): out("  removed \(kind) \(name)")
            case let .note(text): out(text)
            }
        }
    }
}
