import Foundation

/// Reads one plan file (the plan itself or one it includes) into a ``PlanFileResult``, reporting
/// every problem to the file's reader rather than stopping at the first.
///
/// Order matters and is documented: included plans are read first, so their cases come first and
/// their templates are visible to this file's cases.
struct PlanFileParser {
    static let planKeys = [
        "plan", "title", "version", "owner", "description", "applications", "tags",
        "include", "templates", "defaults", "cases",
    ]
    static let applicationKeys = ["name", "description"]
    /// Plans included inside plans included inside…: a chain of 1,000 overflowed the stack. Real
    /// plans nest two or three deep.
    static let maximumIncludeDepth = 16

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
        result.title = document.required("title")?.singleLine()?.value
        result.version = document.required("version")?.singleLine()?.value
        result.owner = document.required("owner")?.singleLine()?.value
        result.description = document.optional("description")?.string()?.value
        result.applications = parseApplications(document.required("applications"))
        result.tags = parseTags(document.optional("tags"))
        let defaults = parseDefaults(document.optional("defaults")).overridden(by: inherited)

        var applicationNames = Set(result.applications.map(\.name))
        var templateFiles = Set<String>()
        for included in parseIncludes(document.optional("include"), defaults: defaults) {
            result.cases += included.cases
            for application in included.applications where applicationNames.insert(application.name).inserted {
                result.applications.append(application)
            }
            // Each file's own templates are added once, however many includes lead to it: adding a
            // diamond's shared file's templates again through every path grew with the product of
            // files and templates.
            let newFiles = included.templateFiles.filter { templateFiles.insert($0).inserted }
            let templates = newFiles.flatMap { session.ownTemplates[$0] ?? [] }
            addTemplates(templates.sorted { $0.location < $1.location }, to: &result.templates)
            result.templateFiles += newFiles
        }
        let own = parseTemplates(document.optional("templates"))
        session.ownTemplates[stack.last!.key] = own
        addTemplates(own, to: &result.templates)
        result.templateFiles.append(stack.last!.key)

        if let items = document.optional("cases")?.list() {
            let parser = CaseParser(
                session: session, planID: id?.value ?? "?", templates: result.templates,
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
        var names = Set<String>()
        for item in items {
            var application: PlanApplication?
            if item.isMapping {
                guard let fields = item.mapping(of: "application", keys: Self.applicationKeys),
                    let name = fields.required("name")?.singleLine()
                else { continue }
                application = PlanApplication(name: name.value, description: fields.optional("description")?.string()?.value)
            } else if let name = item.singleLine() {
                application = PlanApplication(name: name.value)
            }
            guard let application else { continue }
            guard names.insert(application.name).inserted else {
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
        var seen = Set<String>()
        for tag in tags {
            guard PlanNameRules.isValidTag(tag.value) else {
                reader.error("invalid tag '\(tag.value)'; expected \(PlanNameRules.tagShape)", at: tag.location)
                continue
            }
            if seen.insert(tag.value).inserted { result.append(tag.value) }
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
        guard let value, !value.isNull else { return [] }
        let items = value.isList ? value.list() ?? [] : [value]
        let paths = items.compactMap { $0.path() }
        var results: [PlanFileResult] = []
        var listed = Set<String>()
        for path in paths {
            let shown = PlanPaths.resolve(path.value, relativeTo: reader.file)
            let key = PlanPaths.canonical(shown)
            // Named twice in one list: it joins once, as through a diamond.
            guard listed.insert(key).inserted else { continue }
            if let start = stack.firstIndex(where: { $0.key == key }) {
                let chain = (stack[start...].map(\.shown) + [shown]).joined(separator: " → ")
                reader.error("include cycle: \(chain); expected plans that do not include each other", at: path.location)
                continue
            }
            if stack.count >= Self.maximumIncludeDepth {
                reader.error(
                    "include of '\(path.value)' nests plans \(stack.count + 1) deep (\(stack[0].shown) → … → "
                        + "\(shown)); expected at most \(Self.maximumIncludeDepth) levels of include", at: path.location)
                continue
            }
            if let done = session.results[key] {
                // Already read through another include: its cases are in the plan once already.
                var templatesOnly = done
                templatesOnly.cases = []
                results.append(templatesOnly)
                continue
            }
            if session.readers.count >= PlanLoadSession.maximumFiles {
                reader.error(
                    "include of '\(path.value)' takes the plan past \(PlanLoadSession.maximumFiles) files; "
                        + "expected a plan made of at most \(PlanLoadSession.maximumFiles) files", at: path.location)
                continue
            }
            let yaml: String
            do {
                yaml = try session.loadInclude(shown)
            } catch {
                reader.error(
                    "cannot read included plan '\(path.value)' (\(shown)): \(InputFile.reason(error)); "
                        + "expected a readable plan file, relative to this plan's folder", at: path.location)
                continue
            }
            if session.bytes + yaml.utf8.count > PlanLoadSession.maximumBytes {
                reader.error(
                    "include of '\(path.value)' takes the plan past \(PlanLoadSession.maximumBytes >> 20) MiB of "
                        + "text; expected a plan and includes of at most \(PlanLoadSession.maximumBytes >> 20) MiB",
                    at: path.location)
                continue
            }
            let included = PlanFileParser(
                reader: session.reader(yaml: yaml, file: shown), session: session,
                stack: stack + [(key, shown)], inherited: defaults)
            results.append(included.parse())
        }
        return results
    }

    // MARK: Templates

    private func parseTemplates(_ value: YAMLValue?) -> [PlanTemplate] {
        guard let value, !value.isNull, let mapping = value.mapping(of: "templates", keys: nil) else { return [] }
        var templates: [PlanTemplate] = []
        for (name, body) in mapping.entries {
            guard NameRules.isValidRole(name.value) else {
                reader.error(
                    "invalid template name '\(name.value)'; expected \(PlanNameRules.templateShape)",
                    at: name.location)
                continue
            }
            guard let fields = body.mapping(of: "template '\(name.value)'", keys: CaseParser.templateKeys) else { continue }
            var every = PlaceholderFiller(values: [:])
            for entry in fields.entries { _ = every.fill(entry.value) }
            templates.append(
                PlanTemplate(
                    name: name.value, location: name.location, entries: fields.entries,
                    placeholders: every.missing.map(\.name)))
        }
        return templates
    }

    private func addTemplates(_ templates: [PlanTemplate], to visible: inout [String: PlanTemplate]) {
        for template in templates {
            if let first = visible[template.name] {
                if first.location != template.location {
                    reader.error(
                        "duplicate template '\(template.name)', first defined at \(first.location); "
                            + "expected each template name once in a plan and the plans it includes",
                        at: template.location)
                }
                continue
            }
            visible[template.name] = template
        }
    }
}
