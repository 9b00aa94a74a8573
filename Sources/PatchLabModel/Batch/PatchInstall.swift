/// What installing one patch of a batch did on one machine: the install's outcome and, in the
/// batch's own pass, what that patch alone changed there (its fingerprint against the one taken
/// just before it).
public struct PatchInstall: Sendable, Hashable, Codable {
    public var patch: String
    public var machine: String
    public var succeeded: Bool
    public var exitCode: Int?
    public var timedOut: Bool
    public var message: String?
    /// The install's full output (`RUN/patch/MACHINE/PATCH/`, or under the bisection step).
    public var logDirectory: String?
    /// What this patch alone changed; nil when no fingerprint was taken around it (bisection steps,
    /// fingerprints turned off, or the machine did not answer).
    public var diff: FingerprintDiff?

    public init(
        patch: String, machine: String, succeeded: Bool, exitCode: Int? = nil, timedOut: Bool = false,
        message: String? = nil, logDirectory: String? = nil, diff: FingerprintDiff? = nil
    ) {
        self.patch = patch
        self.machine = machine
        self.succeeded = succeeded
        self.exitCode = exitCode
        self.timedOut = timedOut
        self.message = message
        self.logDirectory = logDirectory
        self.diff = diff
    }
}
