/// One case of a formal test plan: what is checked (functionality, title), where (``targets``), how
/// (``setup`` and ``check`` steps), the expected result (``expectations``, all must hold) and what a
/// failure means (``severity``). Templates and defaults are already applied.
public struct TestCase: Sendable, Hashable, Codable {
    public static let defaultTimeout = Duration.seconds(60)
    public static let defaultRetryDelay = Duration.seconds(1)
    public static let defaultSeverity = Severity.major
    /// More retries than this hide a flaky system rather than test it.
    public static let retryRange = 0...10
    /// The longest wait between two attempts, however many retries back off.
    public static let maximumRetryDelay = Duration.seconds(60)

    /// Unique in a plan and the plans it includes (`WEB-001`).
    public var id: String
    public var title: String
    public var description: String?
    /// The functionality the case covers, as the change board reads it.
    public var functionality: String
    /// Machines by name or role; never empty. See ``machines(in:)``.
    public var targets: [MachineSelector]
    public var tags: [String]
    public var severity: Severity
    /// The harness's deadline for one attempt of the case (setup, check steps and probes).
    public var timeout: Duration
    /// Attempts after the first when the check fails; see ``delay(beforeRetry:)``.
    public var retries: Int
    /// The wait before the first retry; later retries wait longer.
    public var retryDelay: Duration
    /// Steps before the check; if one fails, the case is `error` (the test could not be set up).
    public var setup: [TestStep]
    /// The check; its last step is a run step (see ``checkCommand``). Empty when every expectation
    /// is a probe (service, package, port, file, http), which runs its own command.
    public var check: [TestStep]
    /// Every expected result; never empty (a case without `expect:` expects exit status 0).
    public var expectations: [Expectation]
    public var waiver: Waiver?
    /// The plan the case is written in: an included plan's id for an included case.
    public var planID: String
    /// The template the case uses, if any.
    public var template: String?
    /// Where the case starts in its plan file.
    public var location: SourceLocation
    /// Where each of ``targets`` is written (in the case, or in the plan's defaults), in the same
    /// order, so a target the lab lacks is reported at its place.
    public var targetLocations: [SourceLocation]

    public init(
        id: String, title: String, description: String? = nil, functionality: String,
        targets: [MachineSelector], tags: [String] = [], severity: Severity = TestCase.defaultSeverity,
        timeout: Duration = TestCase.defaultTimeout, retries: Int = 0,
        retryDelay: Duration = TestCase.defaultRetryDelay, setup: [TestStep] = [], check: [TestStep],
        expectations: [Expectation], waiver: Waiver? = nil, planID: String, template: String? = nil,
        location: SourceLocation = .wholeFile("<code>"), targetLocations: [SourceLocation]? = nil
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.functionality = functionality
        self.targets = targets
        self.tags = tags
        self.severity = severity
        self.timeout = timeout
        self.retries = retries
        self.retryDelay = retryDelay
        self.setup = setup
        self.check = check
        self.expectations = expectations
        self.waiver = waiver
        self.planID = planID
        self.template = template
        self.location = location
        self.targetLocations = targetLocations ?? Array(repeating: location, count: targets.count)
    }
}
