/// One step of a test case: run a command, upload a file, or wait until a condition holds.
public enum TestStep: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Run a command. In a case's `check`, the last step is a run step and its result is what the
    /// exit/stdout/stderr/json/number expectations judge; other run steps must exit 0.
    case run(Command)
    /// Copy a host file into the guest. `source` is an absolute host path (the plan wrote it relative
    /// to its own file); `mode` is octal text such as `0644`, or nil to leave the default.
    case upload(source: String, destination: String, mode: String?)
    /// Run `until` every `interval` until all of `expect` hold, for at most `timeout` (then the step
    /// has failed). With no `expect:` in the plan, `expect` is `exit: 0`.
    case wait(until: Command, expect: [Expectation], timeout: Duration, interval: Duration)

    /// One line for progress and reports.
    public var description: String {
        switch self {
        case let .run(command):
            return "run \(command)"
        case let .upload(source, destination, mode):
            return "upload \(source) to \(destination)" + (mode.map { " (mode \($0))" } ?? "")
        case let .wait(until, expect, timeout, interval):
            let condition = expect.map(\.description).joined(separator: " and ")
            return "wait up to \(DurationText.format(timeout)) (every \(DurationText.format(interval))) "
                + "until \(until) gives: \(condition)"
        }
    }
}
