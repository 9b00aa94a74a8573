/// A formal test plan (`testplans/NAME.yaml`): the applications under test, and cases with their
/// expected results, as a change board asks for them. Loaded with every include and template
/// already expanded, so a runner only runs ``cases`` in order.
///
/// ```yaml
/// plan: WEB                       # [A-Z][A-Z0-9-]*
/// title: Web tier acceptance
/// version: "1.0"
/// owner: web-team@example.com
/// applications: [{name: nginx, description: Public web server}]
/// include: [common.yaml]          # their cases come first
/// templates:
///   service-active:
///     run: [systemctl, is-active, "{service}"]
///     expect: {stdout: active}
/// defaults: {on: "role:web", severity: major, timeout: 30s}
/// cases:
///   - id: WEB-001
///     title: nginx is running
///     functionality: Serving HTTP
///     use: service-active
///     with: {service: nginx}
/// ```
///
/// The full format is in `docs/testplan-format.md`. Load with ``load(contentsOf:)`` or
/// ``parse(yaml:file:loadInclude:fileExists:)``; both throw a ``ModelError`` listing every problem
/// at its file:line:column. Whether `on:` names machines a lab has is checked by ``check(against:)``.
public struct TestPlan: Sendable, Hashable, Codable {
    /// `WEB`: what reports and the change board call the plan.
    public var id: String
    public var title: String
    public var version: String
    public var owner: String
    public var description: String?
    /// The applications under test: the plan's own, then those of included plans not already listed.
    public var applications: [PlanApplication]
    public var tags: [String]
    /// Every case, included plans' cases first (depth-first, in `include:` order), then the plan's
    /// own, each in file order.
    public var cases: [TestCase]
    /// The plan file's path as given.
    public var file: String
    /// The plan file and every file it includes, in the order read: what a run's plan digest covers.
    public var sourceFiles: [String]
    /// Where the plan document starts.
    public var location: SourceLocation

    public init(
        id: String, title: String, version: String, owner: String, description: String? = nil,
        applications: [PlanApplication], tags: [String] = [], cases: [TestCase], file: String,
        sourceFiles: [String]? = nil, location: SourceLocation? = nil
    ) {
        self.id = id
        self.title = title
        self.version = version
        self.owner = owner
        self.description = description
        self.applications = applications
        self.tags = tags
        self.cases = cases
        self.file = file
        self.sourceFiles = sourceFiles ?? [file]
        self.location = location ?? .start(of: file)
    }

    /// The case with this id, if any.
    public func testCase(withID id: String) -> TestCase? {
        cases.first { $0.id == id }
    }
}
