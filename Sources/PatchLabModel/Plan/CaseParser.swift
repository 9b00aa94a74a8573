internal import Yams

/// Reads one entry of a plan's `cases:` into a ``TestCase``: fills in its template, applies the
/// plan's defaults and checks every key, reporting each problem at its place.
struct CaseParser {
    static let caseKeys = [
        "id", "title", "description", "functionality", "on", "tags", "severity", "timeout",
        "retries", "retry_delay", "setup", "run", "steps", "use", "with", "expect", "waiver",
    ]
    /// A template is a partial case: anything but what identifies or waives one case.
    static let templateKeys = caseKeys.filter { !["id", "use", "with", "waiver"].contains($0) }
    static let waiverKeys = ["justification", "expires", "approved_by"]

    typealias Field = (key: Located<String>, value: YAMLValue)

    let session: PlanLoadSession
    /// The id of the plan file the case is written in.
    let planID: String
    let templates: [String: PlanTemplate]
    let defaults: CaseDefaults
    /// The default targets as every case without its own `on:` stores them, built once so that all
    /// those cases share the same two arrays: 40,000 default machines copied into each of 1,000
    /// cases took 10 s and 1.5 GB.
    private let defaultTargets: (values: [MachineSelector], locations: [SourceLocation])?

    init(session: PlanLoadSession, planID: String, templates: [String: PlanTemplate], defaults: CaseDefaults) {
        self.session = session
        self.planID = planID
        self.templates = templates
        self.defaults = defaults
        defaultTargets = defaults.on.map { (values: $0.map(\.value), locations: $0.map(\.location)) }
    }

    func parse(_ item: YAMLValue) -> TestCase? {
        guard let mapping = item.mapping(of: "case", keys: Self.caseKeys) else { return nil }
        let reader = item.reader
        let id = mapping.required("id")?.string(expected: PlanNameRules.idShape, where: PlanNameRules.isValidID)
        var valid = id != nil
        if let id {
            if let first = session.caseIDs[id.value] {
                reader.error(
                    "duplicate case id '\(id.value)', first defined at \(first); "
                        + "expected each case id once in a plan and the plans it includes", at: id.location)
                valid = false
            } else {
                session.caseIDs[id.value] = id.location
            }
        }
        let name = id.map { "case \($0.value)" } ?? "case"
        let expansion = expand(mapping, name: name)
        let fields = expansion.fields
        valid = valid && expansion.complete

        func field(_ key: String) -> YAMLValue? { fields[key]?.value }
        /// Reports a missing key only when the template (if any) was read, or it would be noise.
        func required(_ key: String) -> YAMLValue? {
            if let value = field(key) { return value }
            if expansion.complete { reader.error("missing required key '\(key)' in \(name)", at: mapping.location) }
            valid = false
            return nil
        }
        /// The value of an optional key; nil when absent, or present but invalid (reported, and the
        /// case is then not built).
        func optional<T>(_ key: String, _ read: (YAMLValue) -> T?) -> T? {
            guard let value = field(key), !value.isNull else { return nil }
            let result = read(value)
            if result == nil { valid = false }
            return result
        }

        let title = required("title")?.singleLine()
        let description = optional("description") { $0.string() }
        let functionality = required("functionality")?.string()
        let tags = optional("tags") { value in value.stringOrList().flatMap { checkTags($0, reader: reader) } }
        let severity = optional("severity") { $0.oneOf(Severity.self) }
        let timeout = optional("timeout") { $0.duration(atLeast: .milliseconds(1)) }
        let retries = optional("retries") { $0.int(in: TestCase.retryRange) }
        let retryDelay = optional("retry_delay") { $0.duration() }
        let hasOn = field("on").map { !$0.isNull } ?? false
        let targets =
            hasOn
            ? optional("on", Self.parseSelectors).map { (values: $0.map(\.value), locations: $0.map(\.location)) }
            : defaultTargets
        if !hasOn, defaults.on == nil, expansion.complete {
            reader.error(
                "missing 'on' in \(name), and the plan's defaults give none; expected 'on:' with machine "
                    + "names or roles, such as on: role:web or on: [web-01]", at: mapping.location)
            valid = false
        }
        let steps = StepParser(session: session, caseName: name)
        let setup = optional("setup") { steps.parseList($0, requireRunLast: false) }
        let expectations = optional("expect") { ExpectationParser(caseName: name, session: session).parseExpect($0) }
        // A case whose expectations are all probes (service, package, port, file, http) needs no command.
        let probesOnly = expectations.map { !$0.isEmpty && $0.allSatisfy { $0.probe != nil } } ?? false
        let check = parseCheck(
            fields, name: name, steps: steps, mapping: mapping, reportMissing: expansion.complete,
            probesOnly: probesOnly, expectations: expectations)
        if check == nil { valid = false }
        let waiver = optional("waiver", parseWaiver)

        guard valid, let id, let title, let functionality, let targets, let check else { return nil }
        // No `expect:` means the check must succeed: the one expectation a command always has.
        let expected = expectations ?? [Expectation.exit(.equals(0), location: check.location)]
        return TestCase(
            id: id.value, title: title.value, description: description?.value, functionality: functionality.value,
            targets: targets.values, tags: tags ?? [],
            severity: severity?.value ?? defaults.severity?.value ?? TestCase.defaultSeverity,
            timeout: timeout?.value ?? defaults.timeout?.value ?? TestCase.defaultTimeout,
            retries: retries?.value ?? defaults.retries?.value ?? 0,
            retryDelay: retryDelay?.value ?? defaults.retryDelay?.value ?? TestCase.defaultRetryDelay,
            setup: setup ?? [], check: check.steps, expectations: expected, waiver: waiver, planID: planID,
            template: expansion.template, location: mapping.location, targetLocations: targets.locations)
    }

    // MARK: Templates

    private struct Expansion {
        var fields: [String: Field]
        var template: String?
        /// False when the template could not be applied, so missing keys are not worth reporting.
        var complete: Bool
    }

    /// The case's keys with its template's (placeholders filled) under them: a key the case sets
    /// replaces the template's, and `run`/`steps` count as one key (the check).
    private func expand(_ mapping: YAMLMapping, name: String) -> Expansion {
        var fields: [String: Field] = [:]
        for entry in mapping.entries { fields[entry.key.value] = entry }
        let with = fields.removeValue(forKey: "with")
        guard let use = fields.removeValue(forKey: "use") else {
            if let with {
                with.value.reader.error(
                    "'with' without 'use' in \(name); expected 'use: TEMPLATE' naming the "
                        + "template whose placeholders it fills", at: with.key.location)
            }
            return Expansion(fields: fields, template: nil, complete: true)
        }
        // The case's own keys, for a template that cannot be applied: its half-filled keys would only
        // add confusing errors (and cost a full read per case for nothing).
        let own = fields
        guard let templateName = use.value.string() else { return Expansion(fields: fields, template: nil, complete: false) }
        guard let template = templates[templateName.value] else {
            let names = templates.keys.sorted()
            let expected =
                names.isEmpty
                ? "a template defined under 'templates:' (this plan and its includes define none)"
                : "one of the templates: \(names.listedForMessage())"
            use.value.error(
                "unknown template '\(templateName.value)' in \(name); expected \(expected)"
                    + templateName.value.didYouMeanSuffix(among: names))
            return Expansion(fields: fields, template: nil, complete: false)
        }

        var values: [String: Located<Node.Scalar>] = [:]
        if let with, !with.value.isNull, let withMapping = with.value.mapping(of: "'with'", keys: nil) {
            for (key, value) in withMapping.entries {
                guard case let .scalar(scalar) = value.node, !value.isNull else {
                    value.error("expected a text, number or boolean for \(value.label) in 'with', found \(value.found)")
                    continue
                }
                values[key.value] = Located(scalar, at: key.location)
            }
        }
        var filler = PlaceholderFiller(
            values: values.mapValues(\.value),
            budget: PlanLoadSession.maximumExpansion.remaining(after: session.expanded))
        let caseHasCheck = fields["run"] != nil || fields["steps"] != nil
        for entry in template.entries where fields[entry.key.value] == nil {
            if caseHasCheck, entry.key.value == "run" || entry.key.value == "steps" { continue }
            fields[entry.key.value] = (entry.key, filler.fill(entry.value))
        }
        session.expanded.add(filler.produced)
        if filler.isOverBudget {
            use.value.error(
                "template '\(template.name)' filled in for \(name) takes the plan past "
                    + "\(PlanLoadSession.maximumExpansion.values) values or \(PlanLoadSession.maximumExpansion.textBytes) "
                    + "bytes of text copied from templates; expected smaller templates or fewer cases using them")
            return Expansion(fields: own, template: template.name, complete: false)
        }
        if let tooLong = filler.tooLong {
            use.value.error(
                "template '\(template.name)' filled in for \(name) makes a text longer than "
                    + "\(YAMLStructureCheck.maximumScalarBytes) bytes (at \(tooLong)); expected shorter values in 'with'")
            return Expansion(fields: own, template: template.name, complete: false)
        }
        let placeholders = template.placeholders
        let placeholderNames = Set(placeholders)
        // A value no placeholder of the template takes is most likely a misspelt name. (A value
        // for a placeholder only in keys the case replaces is fine: it is simply not needed.)
        for (key, value) in values.sorted(by: { $0.value.location < $1.value.location }) where !placeholderNames.contains(key) {
            let expected =
                placeholders.isEmpty
                ? "no values (the template has no placeholders)"
                : "values for its placeholders: \(placeholders.listedForMessage())"
            use.value.reader.error(
                "'\(key)' in 'with' of \(name) is not a placeholder of template '\(template.name)'; expected "
                    + expected + key.didYouMeanSuffix(among: placeholders), at: value.location)
        }
        guard filler.missing.isEmpty else {
            for missing in filler.missing {
                use.value.error(
                    "template '\(template.name)' needs a value for '{\(missing.name)}' (used at \(missing.location)); "
                        + "expected 'with: {\(missing.name): …}' in \(name)")
            }
            // The unfilled template would only add confusing type errors about '{name}' texts.
            return Expansion(fields: own, template: template.name, complete: false)
        }
        return Expansion(fields: fields, template: template.name, complete: true)
    }

    // MARK: Keys

    /// `on:` as selectors; nil when any is invalid (reported).
    static func parseSelectors(_ value: YAMLValue) -> [Located<MachineSelector>]? {
        guard let texts = value.stringOrList() else { return nil }
        if texts.isEmpty {
            value.error("expected at least one machine name or role:ROLE in \(value.label), found an empty list")
            return nil
        }
        var selectors: [Located<MachineSelector>] = []
        var seen = Set<MachineSelector>()
        for text in texts {
            guard let selector = MachineSelector(text.value) else {
                value.reader.error(
                    "invalid machine or role '\(text.value)' in \(value.label); expected a machine name "
                        + "(\(NameRules.nameShape)) or role:ROLE", at: text.location)
                return nil
            }
            if seen.insert(selector).inserted { selectors.append(Located(selector, at: text.location)) }
        }
        return selectors
    }

    private func checkTags(_ tags: [Located<String>], reader: YAMLReader) -> [String]? {
        var result: [String] = []
        var seen = Set<String>()
        for tag in tags {
            guard PlanNameRules.isValidTag(tag.value) else {
                reader.error("invalid tag '\(tag.value)'; expected \(PlanNameRules.tagShape)", at: tag.location)
                return nil
            }
            if seen.insert(tag.value).inserted { result.append(tag.value) }
        }
        return result
    }

    /// The check steps: `run:` alone, or `steps:` ending with a run step; none at all when every
    /// expectation is a probe, which runs its own command.
    ///
    /// | run / steps | expectations | check |
    /// | --- | --- | --- |
    /// | given | any | the command (or steps) |
    /// | none | all probes (service, package, port, file, http) | none: the probes are the check |
    /// | none | none, or any of exit/stdout/stderr/json/number | an error: those judge a command's output |
    private func parseCheck(
        _ fields: [String: Field], name: String, steps: StepParser, mapping: YAMLMapping,
        reportMissing: Bool, probesOnly: Bool,
        expectations: [Expectation]?
    ) -> (steps: [TestStep], location: SourceLocation)? {
        let run = fields["run"], list = fields["steps"]
        if let run, let list {
            let later = run.key.location < list.key.location ? list : run
            later.value.reader.error(
                "both 'run' and 'steps' in \(name); expected one of them ('steps' when the "
                    + "check needs several steps, its last one a run)", at: later.key.location)
            return nil
        }
        if let run {
            return steps.parseCommand(run.value).map { ([.run($0)], $0.location) }
        }
        if let list {
            guard let parsed = steps.parseList(list.value, requireRunLast: true),
                case let .run(command)? = parsed.last
            else { return nil }
            return (parsed, command.location)
        }
        if probesOnly { return ([], mapping.location) }
        guard reportMissing else { return nil }
        if let output = expectations?.first(where: { $0.probe == nil }) {
            mapping.value.reader.error(
                "\(name) has no check command, but its '\(output.matcherName)' expectation judges a "
                    + "command's output; expected 'run' (a command) or 'steps' (ending with a run)",
                at: output.location)
        } else {
            mapping.value.reader.error(
                "\(name) has no check; expected 'run' (a command), 'steps' (ending with a run), "
                    + "'use' (a template that has one), or only probe expectations (service, package, "
                    + "port, file, http)", at: mapping.location)
        }
        return nil
    }

    private func parseWaiver(_ value: YAMLValue) -> Waiver? {
        guard let fields = value.mapping(of: "waiver", keys: Self.waiverKeys) else { return nil }
        var justification = fields.required("justification")?.string()
        if let text = justification, text.value.trimmingSpaces().isEmpty {
            fields.optional("justification")?.error("empty justification in waiver; expected why the failure is acceptable")
            justification = nil
        }
        let expiresValue = fields.required("expires")
        var expires: CalendarDate?
        if let expiresValue, let text = expiresValue.string() {
            expires = CalendarDate(text.value)
            if expires == nil {
                expiresValue.error("invalid date \(expiresValue.found) for 'expires'; expected a date YYYY-MM-DD")
            }
        }
        let approvedByValue = fields.optional("approved_by")
        let approvedBy = approvedByValue?.singleLine()
        guard let justification, let expires, approvedByValue == nil || approvedBy != nil else { return nil }
        return Waiver(
            justification: justification.value, expires: expires, approvedBy: approvedBy?.value,
            location: value.location)
    }
}
