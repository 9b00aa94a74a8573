import Logging
import Synchronization

/// A swift-log handler that keeps every message the board logs, so a test can read the log: what
/// an answer withholds must be there, under the reference the answer names.
final class CapturedLog: Sendable {
    private let lines = Mutex<[String]>([])

    var entries: [String] { lines.withLock { $0 } }

    /// A logger writing here, at `warning` and above (the board's level when run by `patchlab board`).
    var logger: Logger {
        var logger = Logger(label: "patchlab.board.test") { _ in Handler(sink: self) }
        logger.logLevel = .warning
        return logger
    }

    private struct Handler: LogHandler {
        let sink: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            sink.lines.withLock { $0.append("\(event.level) \(event.message) \(all)") }
        }
    }
}

/// A count that parallel tasks add to.
final class Counter: Sendable {
    private let count = Mutex(0)

    var value: Int { count.withLock { $0 } }

    func increment() { count.withLock { $0 += 1 } }
}
