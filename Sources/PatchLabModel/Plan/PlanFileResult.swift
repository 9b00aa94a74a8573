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
    /// Where the document starts.
    var location: SourceLocation
}
