import Foundation

/// An opt-in, process-wide record of the raw libvirt and guest-agent operations the program performs,
/// each as a [start, end) interval: what a benchmark needs to tell the time spent in libvirt and in the
/// guests from the time the harness adds around them.
///
/// Off by default. While off, every call pays one uncontended lock around a bool and nothing else:
/// no clock read, no allocation.
public final class OperationTimeline: @unchecked Sendable {
    /// The recorder every blocking call of this module reports to.
    public static let shared = OperationTimeline()

    /// Set while a multi-call operation (a guest command, a wait for the agent) runs, so the calls it
    /// is made of are not counted a second time on their own.
    @TaskLocal static var insideOperation = false

    private let lock = NSLock()
    private var recording = false
    private var origin = ContinuousClock.now
    private var originDate = Date()
    private var operations: [OperationSummary.Operation] = []

    init() {}

    /// How many operations are held now; always 0 while stopped.
    var heldCount: Int { lock.withLock { operations.count } }

    /// Whether operations are being recorded now.
    public var isRecording: Bool { lock.withLock { recording } }

    /// Forgets anything recorded before and records from now on.
    public func start() {
        lock.withLock {
            operations = []
            origin = .now
            originDate = Date()
            recording = true
        }
    }

    /// Stops recording and summarises what was recorded since `start()`; the wall time is the time
    /// between the two. Operations still running are not counted.
    @discardableResult
    public func stop() -> OperationSummary {
        let end = ContinuousClock.now
        let (recorded, origin, originDate) = lock.withLock { () -> ([OperationSummary.Operation], ContinuousClock.Instant, Date) in
            defer { operations = [] }
            recording = false
            return (operations, self.origin, self.originDate)
        }
        return OperationSummary(startedAt: originDate, wallSeconds: Self.seconds(end - origin), operations: recorded)
    }

    /// The recorder a single blocking call should report to, or nil when nothing is recording or the
    /// call belongs to a larger operation. Read in the caller's task: task-locals do not reach the
    /// dispatch thread the call then runs on.
    func recorderForCall() -> OperationTimeline? {
        guard lock.withLock({ recording }), !Self.insideOperation else { return nil }
        return self
    }

    /// Records one operation; dropped if recording stopped meanwhile. An operation that began before
    /// `start()` is cut at the start, so the wall time always covers it.
    func record(_ subject: StaticString, _ function: String, from start: ContinuousClock.Instant, to end: ContinuousClock.Instant) {
        lock.withLock {
            guard recording else { return }
            operations.append(
                OperationSummary.Operation(
                    kind: Self.kind(subject, function),
                    start: max(0, Self.seconds(start - origin)),
                    end: max(0, Self.seconds(end - origin))))
        }
    }

    /// Runs an operation made of several calls and records it as one, from its first call to its
    /// end, the way someone driving libvirt by hand would count it: a guest command is one operation
    /// from `guest-exec` until it has exited and its output is read, however many status polls that takes.
    func operation<T>(_ subject: StaticString, _ function: String, _ body: () async throws -> T) async rethrows -> T {
        guard let recorder = recorderForCall() else { return try await body() }
        let start = ContinuousClock.now
        do {
            let value = try await Self.$insideOperation.withValue(true) { try await body() }
            recorder.record(subject, function, from: start, to: .now)
            return value
        } catch {
            recorder.record(subject, function, from: start, to: .now)
            throw error
        }
    }

    /// "domain" and "createSnapshot(name:description:diskOnly:)" make "domain createSnapshot".
    static func kind(_ subject: StaticString, _ function: String) -> String {
        let name = function.firstIndex(of: "(").map { String(function[..<$0]) } ?? function
        return "\(subject) \(name)"
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
