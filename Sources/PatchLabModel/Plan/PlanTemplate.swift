/// A named partial case from a plan's `templates:`, kept as YAML so each case that uses it can fill
/// its `{placeholders}` and then read it with the case's own rules and the template's locations.
struct PlanTemplate {
    var name: String
    /// Where the template's name is written.
    var location: SourceLocation
    /// The template's keys and values, in file order.
    var entries: [(key: Located<String>, value: YAMLValue)]
    /// Its placeholders' names, in order of first use.
    var placeholders: [String]
}
