/// What a journalled step does: the one list of the state-changing steps a run takes, which
/// ``Recovery`` reads back to finish or undo an interrupted run.
public enum JournalAction: String, Sendable, Codable, CaseIterable {
    /// The run brought the lab up (it is the run's to take down).
    case labUp = "lab.up"
    case labDown = "lab.down"
    /// A snapshot of a machine; `detail` is the domain's name, `hostURI` its host.
    case snapshotCreate = "snapshot.create"
    case snapshotRevert = "snapshot.revert"
    case snapshotDelete = "snapshot.delete"
    /// The patch was (or may have been) applied to `machine`: it must be reverted.
    case patchApply = "patch.apply"
    /// `recover` reverted a patched machine.
    case recoverRevert = "recover.revert"
}
