/// How a rehearsal undoes a change.
public enum RollbackStrategy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Revert each machine to the snapshot taken just before the patch.
    case snapshot
}
