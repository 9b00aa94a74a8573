import Foundation
import Testing

/// Runs one piece of loader work on a thread of its own and measures what it cost, so a test can
/// hold a loader to "within a second and 200 MiB" without ever hanging itself.
///
/// How it measures:
/// - **CPU time**: `CLOCK_THREAD_CPUTIME_ID` read on the worker thread before and after. It counts
///   only that thread's own time, so a machine busy with other builds does not make it fail.
/// - **Wall time**: only as a guard. The caller waits at most `wallLimit`; work still running then is
///   reported as not finished and abandoned (its thread keeps spinning, the test goes on and fails).
/// - **Memory**: the growth of the process's peak resident set. Writing `5` to
///   `/proc/self/clear_refs` resets the peak (`VmHWM`) to the current resident set (`VmRSS`);
///   the growth is then `VmHWM` after the work minus `VmRSS` before it. Tests running in parallel
///   add their own allocations, so the figure is an upper bound for the work measured. Where the
///   reset is refused, the growth of `VmHWM` alone is used (a lower bound; noted in `memoryMethod`).
enum ResourceGuard {
    struct Measurement {
        /// False when the work was still running after the wall-clock guard.
        var finished: Bool
        var cpuSeconds: Double
        var wallSeconds: Double
        /// Growth of the peak resident set while the work ran, in MiB.
        var peakGrowthMiB: Double
    }

    /// How memory was measured on this machine (see the type's comment).
    static let memoryMethod: String = resetPeak() ? "VmHWM after − VmRSS before (peak reset)" : "VmHWM growth (no reset)"

    /// Runs `work` on a fresh thread with an 8 MiB stack (what a main thread gets; the loaders must not
    /// need more) and waits for it at most `wallLimit` seconds.
    static func measure(wallLimit: Double = 20, _ work: @escaping @Sendable () -> Void) -> Measurement {
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let resetWorked = resetPeak()
        let before = status("VmRSS:"), peakBefore = status("VmHWM:")
        let start = Date()
        let thread = Thread {
            let cpuStart = threadCPUTime()
            work()
            box.set(threadCPUTime() - cpuStart)
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        let finished = done.wait(timeout: .now() + wallLimit) == .success
        let wall = Date().timeIntervalSince(start)
        let peakAfter = status("VmHWM:")
        let growthKiB = resetWorked ? peakAfter - before : peakAfter - peakBefore
        return Measurement(
            finished: finished, cpuSeconds: finished ? box.get() : wall, wallSeconds: wall,
            peakGrowthMiB: Double(max(0, growthKiB)) / 1024)
    }

    /// Records an issue unless the work finished within `cpuLimit` seconds of CPU and `memoryLimitMiB`.
    static func expectWithinLimits(
        _ measurement: Measurement, cpuLimit: Double = 1, memoryLimitMiB: Double = 200,
        _ what: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        #expect(
            measurement.finished, "\(what): still running after \(Int(measurement.wallSeconds)) s",
            sourceLocation: sourceLocation)
        #expect(
            measurement.cpuSeconds < cpuLimit,
            "\(what): took \(String(format: "%.2f", measurement.cpuSeconds)) s of CPU", sourceLocation: sourceLocation)
        #expect(
            measurement.peakGrowthMiB < memoryLimitMiB,
            "\(what): peak memory grew \(Int(measurement.peakGrowthMiB)) MiB (\(memoryMethod))",
            sourceLocation: sourceLocation)
    }

    private final class Box: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0.0
        func set(_ new: Double) { lock.lock(); value = new; lock.unlock() }
        func get() -> Double { lock.lock(); defer { lock.unlock() }; return value }
    }

    private static func threadCPUTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    @discardableResult
    private static func resetPeak() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        return (try? handle.write(contentsOf: Data("5".utf8))) != nil
    }

    /// A `/proc/self/status` line's value in KiB (`VmRSS:   13536 kB`).
    private static func status(_ field: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix(field) })
        else { return 0 }
        return Int(line.dropFirst(field.count).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "") ?? 0
    }
}
