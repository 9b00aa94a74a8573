import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Runs work that may block for ever on a FIFO, and never lets it hang the test run: if `work` has
/// not returned within `seconds`, a writer opens the FIFO and closes it at once, so the blocked
/// reader's `open` returns and it sees end of file. The answer says whether `work` finished on its
/// own — a reader that hangs until someone else writes to the FIFO would hang a board for good.
enum Unblocking {
    static func finishesOnItsOwn(within seconds: Double, fifo: String, _ work: @escaping @Sendable () -> Void) -> Bool {
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            work()
            done.signal()
        }
        thread.start()
        if done.wait(timeout: .now() + seconds) == .success { return true }
        // The reader is blocked in open(2): a non-blocking writer finds it and lets it through.
        // Repeated, since a reader may open the FIFO again (e.g. once per check).
        for _ in 0..<150 {
            let fd = open(fifo, O_WRONLY | O_NONBLOCK)
            if fd >= 0 { close(fd) }
            if done.wait(timeout: .now() + 0.2) == .success { break }
        }
        return false
    }
}
