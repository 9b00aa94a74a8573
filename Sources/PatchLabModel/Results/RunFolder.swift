/// The folder a run keeps its records in (`$PATCHLAB_HOME/runs/RUN/`) and where each part lives in
/// it: what the engine writes, the CLI points at, the packet writer reads and the test fixtures lay
/// out. One type, so no module keeps its own idea of the folder's shape.
///
/// ```
/// RUN/harness.log  journal.json         the harness's own log and the run's journal
/// RUN/change/  lab/  plans/             the inputs as read (lab/lab.yaml, lab/domains/M.xml, lab/environment.json)
/// RUN/PHASE/                            one test phase's reports (results.json, …) and case logs (logs/)
/// RUN/patch/MACHINE/                    the install command's output per machine (PATCH/ for each patch of a batch)
/// RUN/bisect/step-N/                    a bisection step's reports, case logs (logs/) and install output (patch/)
/// RUN/consoles/MACHINE.log              each guest's serial console
/// ```
public struct RunFolder: Sendable, Hashable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// `HOME/runs/RUN`.
    public init(home: String, runID: String) {
        path = "\(home)/runs/\(runID)"
    }

    public var harnessLog: String { "\(path)/harness.log" }
    public var journal: String { "\(path)/journal.json" }

    /// A test phase's reports and case logs.
    public func reports(_ phase: RehearsalPhase) -> String { "\(path)/\(phase.rawValue)" }

    public var patchLogs: String { "\(path)/\(Self.patchFolder)" }
    public func patchLogs(_ machine: String) -> String { "\(patchLogs)/\(machine)" }

    /// One patch's install output on one machine, for a batch.
    public func patchLogs(_ machine: String, patch: String) -> String { "\(patchLogs(machine))/\(patch)" }

    public var bisection: String { "\(path)/\(Self.bisectionFolder)" }
    /// A bisection step's folder: its plan reports, `logs/` and `patch/MACHINE/PATCH/`.
    public func bisectionStep(_ number: Int) -> String { "\(bisection)/step-\(number)" }

    public var consoles: String { "\(path)/\(Self.consolesFolder)" }
    public func console(_ machine: String) -> String { "\(consoles)/\(machine).log" }

    public var change: String { "\(path)/\(Self.changeFolder)" }
    public var lab: String { "\(path)/\(Self.labFolder)" }
    public var labFile: String { "\(lab)/lab.yaml" }
    public var domains: String { "\(lab)/domains" }
    public func domainXML(_ machine: String) -> String { "\(domains)/\(machine).xml" }
    public var environment: String { "\(lab)/environment.json" }
    public var plans: String { "\(path)/\(Self.plansFolder)" }

    public static let changeFolder = "change"
    public static let labFolder = "lab"
    public static let plansFolder = "plans"
    public static let patchFolder = "patch"
    public static let consolesFolder = "consoles"
    public static let bisectionFolder = "bisect"

    /// What a top-level entry of a run folder holds, for whoever copies it (the packet writer).
    public enum Part: Equatable, Sendable {
        /// A copy of the run's inputs: `change/`, `lab/`, `plans/`.
        case inputs
        /// A test phase's reports and, under `logs/`, its case logs.
        case reports(RehearsalPhase)
        /// The bisection's steps, each like a test phase (`step-N/`, with `logs/` and `patch/`).
        case bisection
        /// Logs: the harness log and journal, `patch/`, `consoles/`, anything else.
        case logs
    }

    public static func part(named name: String) -> Part {
        if [changeFolder, labFolder, plansFolder].contains(name) { return .inputs }
        if name == bisectionFolder { return .bisection }
        if let phase = RehearsalPhase(rawValue: name), RehearsalPhase.testPhases.contains(phase) { return .reports(phase) }
        return .logs
    }
}
