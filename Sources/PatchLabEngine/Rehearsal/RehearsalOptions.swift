import Foundation

/// How to run a rehearsal.
public struct RehearsalOptions: Sendable {
    /// Leave the lab up afterwards, with a `ready` snapshot for a warm start next time.
    public var keepLab: Bool
    /// Who runs it, as the change board will read it: the account of the process's real user id
    /// (``OperatorIdentity``), never an environment variable the caller sets.
    public var ranBy: String
    /// Run only the critical cases of the plans: allowed for emergency changes only, and said in the evidence.
    public var reducedPlan: Bool
    /// When a batch of several patches fails, find the culprit with the run's own snapshots
    /// (``BatchBisector``); `--no-bisect` turns it off.
    public var bisect: Bool
    /// Where the production captures are (`--production DIR`); nil for `$PATCHLAB_HOME/production`.
    public var productionDirectory: String?

    public init(keepLab: Bool = false, reducedPlan: Bool = false, bisect: Bool = true, productionDirectory: String? = nil) {
        self.keepLab = keepLab
        self.reducedPlan = reducedPlan
        self.bisect = bisect
        self.productionDirectory = productionDirectory
        self.ranBy = OperatorIdentity.current
    }
}
