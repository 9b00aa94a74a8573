import PatchLabModel

/// Progress of a plan run: a case started on a machine, or finished with its result.
public enum PlanEvent: Sendable {
    case started(caseID: String, machine: String)
    case finished(CaseResult)
}

public typealias PlanProgress = @Sendable (PlanEvent) -> Void
