import Foundation
import PatchLabModel

/// The harness's own account of a rehearsal, one timestamped line per event, written to the run's
/// `harness.log` as it happens (not at the end), so a run that dies still leaves what it did.
final class HarnessLog: Sendable {
    private let handle: FileHandle?
    private let lock = NSLock()

    init(path: String) {
        FileManager.default.createFile(atPath: path, contents: nil)
        handle = FileHandle(forWritingAtPath: path)
    }

    deinit { try? handle?.close() }

    func record(_ event: RehearsalEvent) {
        write(Self.line(for: event))
    }

    func write(_ text: String) {
        let stamp = Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
        let line = Data("\(stamp) \(text)\n".utf8)
        lock.withLock { try? handle?.write(contentsOf: line) }
    }

    static func line(for event: RehearsalEvent) -> String {
        switch event {
        case let .phase(name): return "phase \(name)"
        case let .note(text): return "note \(text)"
        case let .lab(event):
            switch event {
            case let .accelerator(host, choice): return "lab accelerator \(host): \(choice)"
            case let .carried(host, file, volume, uploaded):
                return "lab \(host): \(file) \(uploaded ? "uploaded as" : "already there as") \(volume)"
            case let .placed(machine, host): return "lab \(machine): placed on \(host)"
            case let .step(machine, step): return "lab \(machine): \(step)"
            case let .ready(machine, domain, seconds):
                return "lab \(machine): ready as \(domain) after \(String(format: "%.1f", seconds)) s"
            case let .removed(kind, name): return "lab removed \(kind) \(name)"
            case let .note(text): return "lab \(text)"
            }
        case let .plan(phase, event):
            switch event {
            case let .started(caseID, machine): return "\(phase) \(caseID)@\(machine) started"
            case let .finished(result):
                return "\(phase) \(result.caseID)@\(result.machine) \(result.state.rawValue)" + (result.message.map { ": \($0)" } ?? "")
            }
        }
    }
}
