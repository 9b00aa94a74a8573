import Dispatch
import Foundation

/// Turns Ctrl-C into a request to stop at the next safe point, so a rehearsal can roll back what it
/// patched instead of dying half-way. A second Ctrl-C ends the process at once.
public final class InterruptSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false
    private var source: DispatchSourceSignal?
    private let onFirst: @Sendable () -> Void

    public init(onFirst: @escaping @Sendable () -> Void = {}) { self.onFirst = onFirst }

    public var isRequested: Bool { lock.withLock { requested } }

    /// For tests and for callers that stop a rehearsal by other means.
    public func request() {
        let first = lock.withLock { () -> Bool in
            defer { requested = true }
            return !requested
        }
        if first { onFirst() }
    }

    /// Starts catching SIGINT for the life of this object.
    public func install() {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [weak self] in
            guard let self else { return }
            if self.isRequested {
                // The operator insists: leave now; `patchlab recover` finishes the job.
                signal(SIGINT, SIG_DFL)
                raise(SIGINT)
            }
            self.request()
        }
        source.resume()
        lock.withLock { self.source = source }
    }

    deinit { source?.cancel() }
}
