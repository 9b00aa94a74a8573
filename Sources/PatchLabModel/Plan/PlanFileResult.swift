/// What one plan file gives its includer: its header, its cases (included ones first) and the
/// templates visible in it (its own and those of the files it includes).
struct PlanFileResult {
    var id: String?
    var title: String?
    var version: String?
    var owner: String?
    var description: String?
    var applications: [PlanApplication] = []
    var tags: [String] = []
    var cases: [TestCase] = []
    var templates: [String: PlanTemplate] = [:]
    /// The files (canonical paths) whose own templates are in ``templates``, includes first.
    var templateFiles: [String] = []
    /// Where the document starts.
    var location: SourceLocation
}
