import PatchLabModel

/// Progress of a rehearsal for a terminal: phase changes, notes, and the lab and plan events inside.
public enum RehearsalEvent: Sendable {
    case phase(String)
    case note(String)
    case lab(LabEvent)
    case plan(phase: String, PlanEvent)
}

public typealias RehearsalProgress = @Sendable (RehearsalEvent) -> Void
