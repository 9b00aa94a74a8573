import Foundation

/// Reads one plan file (the plan itself or one it includes) into a ``PlanFileResult``, reporting
/// every problem to the file's reader rather than stopping at the first.
///
/// Order matters and is documented: included plans are read first, so their cases come first and
/// their templates are visible to this file's cases.
struct PlanFileParser {
    static let planKeys = ["plan", "title", "version", "owner", "description", "applications", "tags",
                           "include", "templates", "defaults", "cases"]
    static let applicationKeys = ["name", "description"]

    let reader: YAMLReader
    let session: PlanLoadSession
    /// The files being read, outermost first, this one last (absolute path, path as shown), to
    /// catch include cycles.
    let stack: [(key: String, shown: String)]
    /// Defaults from the including plans, which take precedence over this file's own.
    let inherited: CaseDefaults

    func parse() -> PlanFileResult {
        var result = PlanFileResult(location: .start(of: reader.file))
        defer { session.results[stack.last!.key] = result }
        guard let document = reader.document(of: "test plan", keys: Self.planKeys) else { return result }
        result.location = document.location
        let id = document.required("plan")?.string(expected: PlanNameRules.idShape, where: PlanNameRules.isValidID)
        result.id = id?.value
        result.title = document.required("title")?.string()?.value
        result.version = document.required("version")?.string()?.value
        result.owner = document.required("owner")?.string()?.value
        result.description = document.optional("description")?.string()?.value
        result.applications = parseApplications(document.required("applications"))
        result.tags = parseTags(document.optional("tags"))
        let defaults = parseDefaults(document.optional("defaults")).overridden(by: inherited)

        for included in parseIncludes(document.optional("include"), defaults: defaults) {
            result.cases += included.cases
            for application in included.applications where !result.applications.contains(where: { $0.name == application.name }) {
                result.applications.append(application)
            }
            addTemplates(included.templates.values.sorted { $0.location < $1.location }, to: &result.templates)
        }
        addTemplates(parseTemplates(document.optional("templates")), to: &result.templates)

        if let items = document.optional("cases")?.list() {
            let parser = CaseParser(session: session, planID: id?.value ?? "?", templates: result.templates,
                                    defaults: defaults)
            result.cases += items.compactMap { parser.parse($0) }
        }
        return result
    }

    // MARK: Header

    private func parseApplications(_ value: YAMLValue?) -> [PlanApplication] {
        guard let value, let items = value.list() else { return [] }
        if items.isEmpty {
            value.error("expected at least one application under test in 'applications', found an empty list")
        }
        var applications: [PlanApplication] = []
        for item in items {
            var application: PlanApplication?
            if item.isMapping {
                guard let fields = item.mapping(of: "application", keys: Self.applicationKeys),
                      let name = fields.required("name")?.string() else { continue }
                application = PlanApplication(name: name.value, description: fields.optional("description")?.string()?.value)
            } else if let name = item.string() {
                application = PlanApplication(name: name.value)
            }
            guard let application else { continue }
            if applications.contains(where: { $0.name == application.name }) {
                item.error("application '\(application.name)' listed twice; expected each application once")
                continue
            }
            applications.append(application)
        }
        return applications
    }

    private func parseTags(_ value: YAMLValue?) -> [String] {
        guard let value, !value.isNull, let tags = value.stringOrList() else { return [] }
        var result: [String] = []
        for tag in tags {
            guard PlanNameRules.isValidTag(tag.value) else {
                reader.error("invalid tag '\(tag.value)'; expected \(PlanNameRules.tagShape)", at: tag.location)
                continue
            }
            if !result.contains(tag.value) { result.append(tag.value) }
        }
        return result
    }

    private func parseDefaults(_ value: YAMLValue?) -> CaseDefaults {
        guard let value, !value.isNull, let fields = value.mapping(of: "defaults", keys: CaseDefaults.keys) else {
            return CaseDefaults()
        }
        return CaseDefaults(
            timeout: fields.optional("timeout")?.duration(atLeast: .milliseconds(1)),
            retries: fields.optional("retries")?.int(in: TestCase.retryRange),
            retryDelay: fields.optional("retry_delay")?.duration(),
            severity: fields.optional("severity")?.oneOf(Severity.self),
            on: fields.optional("on").flatMap(CaseParser.parseSelectors))
    }

    // MARK: Includes

    private func parseIncludes(_ value: YAMLValue?, defaults: CaseDefaults) -> [PlanFileResult] {
        guard let value, !value.isNull, let paths = value.stringOrList() else { return [] }
        var results: [PlanFileResult] = []
        for path in paths {
            let shown = PlanPaths.resolve(path.value, relativeTo: reader.file)
            let key = PlanPaths.absolute(shown)
            if let start = stack.firstIndex(where: { $0.key == key }) {
                let chain = (stack[start...].map(\.shown) + [shown]).joined(separator: " → ")
                reader.error("include cycle: \(chain); expected plans that do not include each other", at: path.location)
                continue
            }
            if let done = session.results[key] {
                // Already read through another include: its cases are in the plan once already.
                var templatesOnly = done
                templatesOnly.cases = []
                results.append(templatesOnly)
                continue
            }
            let yaml: String
            do {
                yaml = try session.loadInclude(shown)
            } catch {
                reader.error("cannot read included plan '\(path.value)' (\(shown)): \(Self.reason(error)); "
                             + "expected a readable plan file, relative to this plan's folder", at: path.location)
                continue
            }
            let included = PlanFileParser(reader: session.reader(yaml: yaml, file: shown), session: session,
                                          stack: stack + [(key, shown)], inherited: defaults)
            results.append(included.parse())
        }
        return results
    }

    private static func reason(_ error: any Error) -> String {
        if let error = error as? CocoaError, [.fileReadNoSuchFile, .fileNoSuchFile].contains(error.code) {
            return "no such file"
        }
        return error.localizedDescription
    }

    // MARK: Templates

    private func parseTemplates(_ value: YAMLValue?) -> [PlanTemplate] {
        guard let value, !value.isNull, let mapping = value.mapping(of: "templates", keys: nil) else { return [] }
        var templates: [PlanTemplate] = []
        for (name, body) in mapping.entries {
            guard NameRules.isValidRole(name.value) else {
                reader.error("invalid template name '\(name.value)'; expected \(PlanNameRules.templateShape)",
                             at: name.location)
                continue
            }
            guard let fields = body.mapping(of: "template '\(name.value)'", keys: CaseParser.templateKeys) else { continue }
            templates.append(PlanTemplate(name: name.value, location: name.location, entries: fields.entries))
        }
        return templates
    }

    private func addTemplates(_ templates: [PlanTemplate], to visible: inout [String: PlanTemplate]) {
        for template in templates {
            if let first = visible[template.name] {
                if first.location != template.location {
                    reader.error("duplicate template '\(template.name)', first defined at \(first.location); "
                                 + "expected each template name once in a plan and the plans it includes",
                                 at: template.location)
                }
                continue
            }
            visible[template.name] = template
        }
    }
}
