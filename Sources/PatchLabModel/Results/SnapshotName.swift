/// The names of the snapshots PatchLab takes, computed here only: the engine names them, recovery
/// finds them by these names, and the packet tells the board which one the rollback went to.
public enum SnapshotName {
    /// A rehearsal's snapshot of each target before the patch: `RUN-pre-CHANGE`.
    public static func prePatch(runID: String, change: String) -> String { "\(runID)-pre-\(change)" }

    /// A kept lab's ready state, which the next rehearsal's warm start resets to: `PREFIX-ready`.
    public static func ready(labPrefix: String) -> String { "\(labPrefix)-ready" }
}
