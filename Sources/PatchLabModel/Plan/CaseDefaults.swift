/// A plan's `defaults:`: values for cases that do not set them. Each keeps its location, so a
/// problem with a defaulted value (an unknown role in `defaults.on`) points at the defaults.
struct CaseDefaults {
    var timeout: Located<Duration>?
    var retries: Located<Int>?
    var retryDelay: Located<Duration>?
    var severity: Located<Severity>?
    var on: [Located<MachineSelector>]?

    static let keys = ["timeout", "retries", "retry_delay", "severity", "on"]

    /// These defaults with every value `includer` sets taking precedence: the including plan decides
    /// how the cases it pulls in run, and an included plan's own defaults fill the rest (and serve
    /// when it is run on its own).
    func overridden(by includer: CaseDefaults) -> CaseDefaults {
        CaseDefaults(
            timeout: includer.timeout ?? timeout, retries: includer.retries ?? retries,
            retryDelay: includer.retryDelay ?? retryDelay, severity: includer.severity ?? severity,
            on: includer.on ?? on)
    }
}
