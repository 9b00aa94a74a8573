import PatchLabModel

/// What to run of a plan, and where its logs go.
public struct PlanRunOptions: Sendable {
    /// Only these case ids (`--only`); nil for all.
    public var onlyCases: Set<String>?
    /// Only cases with one of these tags (`--tag`); nil for all.
    public var tags: Set<String>?
    /// Where full stdout/stderr logs go (`REPORT_DIR/logs/...`); nil keeps only the bounded text.
    public var reportDirectory: String?
    /// The rehearsal phase this run is part of, if any.
    public var phase: RehearsalPhase?
    /// How much of a check's output is kept in memory for matching.
    public var matchBytes: Int
    /// How much of each stream a result carries for reports.
    public var reportBytes: Int
    /// The run id to record under; a new one when nil.
    public var runID: String?
    /// Whether this plan run is a run of its own in the run store (begun and finished by the runner);
    /// false when it is one phase of a rehearsal, which owns the run.
    public var recordsOwnRun = true
    /// Where to keep what an evidence packet must show about the lab as the plan ran against it: the
    /// lab file, the plan files, each domain's XML, image digests and versions (`lab/`, `plans/`),
    /// and the consoles at the end (`consoles/`). Nil keeps nothing.
    public var recordFolder: RunFolder?
    /// Only critical cases (severity `critical` or tagged `critical`): an emergency change's reduced plan.
    public var criticalOnly = false

    public init(
        onlyCases: Set<String>? = nil, tags: Set<String>? = nil, reportDirectory: String? = nil, phase: RehearsalPhase? = nil,
        matchBytes: Int = 1 << 20, reportBytes: Int = 16 << 10, runID: String? = nil
    ) {
        self.onlyCases = onlyCases
        self.tags = tags
        self.reportDirectory = reportDirectory
        self.phase = phase
        self.matchBytes = matchBytes
        self.reportBytes = reportBytes
        self.runID = runID
    }
}
