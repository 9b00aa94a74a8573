import Foundation

extension TestCase {
    /// The command whose result the output expectations judge: the last check step; nil for a case
    /// whose expectations are all probes, which has none.
    public var checkCommand: Command? {
        if case let .run(command)? = check.last { return command }
        return nil
    }

    /// The lab machines the case runs on, in the lab's order, each once.
    public func machines(in lab: Lab) -> [Machine] {
        lab.machines.filter { machine in targets.contains { $0.selects(machine) } }
    }

    /// True when an active waiver covers a failure of this case on `date`.
    public func isWaived(on date: Date) -> Bool {
        waiver?.isActive(on: date) ?? false
    }

    /// How long to wait before retry number `retry` (1 for the first retry): ``retryDelay``, doubled
    /// for each further retry so a slow service gets time to settle, at most
    /// ``maximumRetryDelay`` (or ``retryDelay`` itself, if the plan asked for more).
    public func delay(beforeRetry retry: Int) -> Duration {
        let cap = max(retryDelay, Self.maximumRetryDelay)
        var delay = retryDelay
        for _ in 1..<max(retry, 1) {
            delay *= 2
            if delay >= cap { return cap }
        }
        return min(delay, cap)
    }
}
