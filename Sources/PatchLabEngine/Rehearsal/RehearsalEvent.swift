import PatchLabModel

/// Progress of a rehearsal for a terminal: phase changes, notes, and the lab and plan events inside.
public enum RehearsalEvent: Sendable {
    case phase(RehearsalPhase)
    case note(String)
    case lab(LabEvent)
    case plan(phase: RehearsalPhase, PlanEvent)
}

public typealias RehearsalProgress = @Sendable (RehearsalEvent) -> Void
