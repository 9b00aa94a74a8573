/// Progress of a lab operation, for a terminal to show while a slow step runs.
public enum LabEvent: Sendable, Equatable {
    case accelerator(host: String, choice: AcceleratorChoice)
    /// A file a remote host boots from is there as `volume`: uploaded now, or found with its digest.
    case carried(host: String, file: String, volume: String, uploaded: Bool)
    /// `host: auto` placed a machine.
    case placed(machine: String, host: String)
    case step(machine: String, String)
    case ready(machine: String, domain: String, seconds: Double)
    case removed(kind: String, name: String)
    case note(String)
}

/// Receives `LabEvent`s; the CLI prints them, tests collect them.
public typealias LabProgress = @Sendable (LabEvent) -> Void
