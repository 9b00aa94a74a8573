/// Reads `expect:` (a mapping of matchers, all of which must hold) into ``Expectation``s.
///
/// A matcher's value may be a list to state several of the same kind
/// (`stdout: [{contains: a}, {not_contains: b}]`); each item is then one expectation.
struct ExpectationParser {
    static let jsonKeys = ["path", "equals", "matches"]
    static let numberKeys = ["from", "min", "max"]
    static let fileKeys = ["path", "exists", "sha256", "contains"]
    static let serviceKeys = ["name", "state", "enabled"]
    static let packageKeys = ["name"] + VersionMatcher.keys
    static let portKeys = ["number", "protocol", "listening"]
    static let httpKeys = ["url", "status", "body"]
    static let exitKeys = ["in", "not"]

    /// "case WEB-001", for messages.
    let caseName: String
    /// Counts the regular expressions of the whole plan.
    let session: PlanLoadSession

    /// Every matcher of an `expect:` mapping, in file order; nil if any is invalid (all reported).
    func parseExpect(_ value: YAMLValue) -> [Expectation]? {
        guard let mapping = value.mapping(of: "'expect'", keys: nil) else { return nil }
        if mapping.isEmpty {
            value.error(
                "expected at least one matcher in 'expect' of \(caseName) "
                    + "(\(Expectation.matcherNames.joined(separator: ", "))), found none")
            return nil
        }
        var expectations: [Expectation] = []
        var valid = true
        for (key, matcher) in mapping.entries {
            guard Expectation.matcherNames.contains(key.value) else {
                value.reader.error(
                    "unknown matcher '\(key.value)' in 'expect' of \(caseName); expected one of: "
                        + Expectation.matcherNames.joined(separator: ", ")
                        + key.value.didYouMeanSuffix(among: Expectation.matcherNames), at: key.location)
                valid = false
                continue
            }
            let items: [YAMLValue]
            if matcher.isList, key.value != "exit" {
                items = matcher.list() ?? []
                if items.isEmpty {
                    matcher.error("expected at least one \(key.value) matcher in \(matcher.label), found an empty list")
                    valid = false
                }
            } else {
                items = [matcher]
            }
            for item in items {
                if let expectation = parse(kind: key.value, item) {
                    expectations.append(expectation)
                } else {
                    valid = false
                }
            }
        }
        return valid ? expectations : nil
    }

    private func parse(kind: String, _ value: YAMLValue) -> Expectation? {
        let location = value.location
        switch kind {
        case "exit": return parseExit(value).map { .exit($0, location: location) }
        case "stdout": return parseText(value, what: "stdout matcher").map { .stdout($0, location: location) }
        case "stderr": return parseText(value, what: "stderr matcher").map { .stderr($0, location: location) }
        case "json": return parseJSON(value)
        case "number": return parseNumber(value)
        case "file": return parseFile(value)
        case "service": return parseService(value)
        case "package": return parsePackage(value)
        case "port": return parsePort(value)
        default: return parseHTTP(value)
        }
    }

    // MARK: Output matchers

    private func parseExit(_ value: YAMLValue) -> ExitMatcher? {
        if value.isList {
            value.error(
                "expected an exit status for 'exit' (0, {in: [0, 3]} or {not: 1}), found a list; "
                    + "write {in: [...]} for several allowed statuses")
            return nil
        }
        guard value.isMapping else { return value.int(in: 0...255).map { .equals($0.value) } }
        guard let fields = value.mapping(of: "exit matcher", keys: Self.exitKeys),
            let (key, inner) = single(fields, keys: Self.exitKeys)
        else { return nil }
        if key == "not" { return inner.int(in: 0...255).map { .not($0.value) } }
        guard let items = inner.list() else { return nil }
        guard !items.isEmpty else {
            inner.error("expected at least one exit status in 'in', found an empty list")
            return nil
        }
        let statuses = items.compactMap { $0.int(in: 0...255)?.value }
        return statuses.count == items.count ? .oneOf(statuses) : nil
    }

    /// A plain string (equals) or a mapping with exactly one of equals, contains, matches,
    /// not_contains, empty.
    func parseText(_ value: YAMLValue, what: String) -> TextMatcher? {
        guard value.isMapping else {
            if value.isList {
                value.error(
                    "expected a text or a mapping with one of \(TextMatcher.keys.joined(separator: ", ")) "
                        + "for \(value.label), found a list")
                return nil
            }
            // `stdout: ""` is a legitimate "prints nothing", so the empty quoted string is allowed.
            guard let text = value.scalarText, !value.isNull else {
                value.error("expected a text for \(value.label), found \(value.found)")
                return nil
            }
            return .equals(text)
        }
        guard let fields = value.mapping(of: what, keys: TextMatcher.keys),
            let (key, inner) = single(fields, keys: TextMatcher.keys)
        else { return nil }
        switch key {
        case "empty":
            return inner.bool().map { .empty($0.value) }
        case "matches":
            return regex(inner).map(TextMatcher.matches)
        default:
            guard let text = inner.scalarText, !inner.isNull else {
                inner.error("expected a text for \(inner.label), found \(inner.found)")
                return nil
            }
            if key != "equals", text.isEmpty {
                inner.error("empty text for \(inner.label); expected some text to look for")
                return nil
            }
            switch key {
            case "equals": return .equals(text)
            case "contains": return .contains(text)
            default: return .notContains(text)
            }
        }
    }

    private func parseJSON(_ value: YAMLValue) -> Expectation? {
        guard let fields = value.mapping(of: "json matcher", keys: Self.jsonKeys) else { return nil }
        var path: JSONPath?
        if let pathValue = fields.required("path"), let text = pathValue.singleLine() {
            path = JSONPath(text.value)
            if path == nil {
                pathValue.error(
                    "invalid JSON path \(pathValue.found): \(JSONPath.problem(with: text.value) ?? "?"); "
                        + "expected a path such as $.status or $.items[0].name")
            }
        }
        let matcherFields = fields.entries.filter { $0.key.value != "path" }
        guard matcherFields.count == 1, let (key, inner) = matcherFields.first else {
            let found = matcherFields.isEmpty ? "neither" : "both"
            fields.error("expected exactly one of equals, matches in json matcher, found \(found)")
            return nil
        }
        let matcher: JSONValueMatcher? =
            key.value == "equals"
            ? inner.jsonValue().map(JSONValueMatcher.equals) : regex(inner).map(JSONValueMatcher.matches)
        guard let path, let matcher else { return nil }
        return .json(path: path, matcher: matcher, location: value.location)
    }

    private func parseNumber(_ value: YAMLValue) -> Expectation? {
        guard let fields = value.mapping(of: "number matcher", keys: Self.numberKeys) else { return nil }
        let fromValue = fields.optional("from")
        let from = fromValue?.oneOf(StandardStream.self)
        let minValue = fields.optional("min"), maxValue = fields.optional("max")
        let min = minValue?.number(), max = maxValue?.number()
        guard fromValue == nil || from != nil, minValue == nil || min != nil, maxValue == nil || max != nil else { return nil }
        if min == nil, max == nil {
            fields.error("expected 'min', 'max' or both in number matcher, found neither")
            return nil
        }
        if let min, let max, min.value > max.value {
            maxValue?.error(
                "'max' (\(JSONValue.format(max.value))) is below 'min' (\(JSONValue.format(min.value))); "
                    + "expected min ≤ max")
            return nil
        }
        return .number(from: from?.value ?? .stdout, min: min?.value, max: max?.value, location: value.location)
    }

    // MARK: Guest-fact matchers

    private func parseFile(_ value: YAMLValue) -> Expectation? {
        guard let fields = value.mapping(of: "file matcher", keys: Self.fileKeys) else { return nil }
        let path = fields.required("path")?.string(expected: "an absolute guest path", where: PlanNameRules.isAbsolutePath)
        let existsValue = fields.optional("exists")
        let exists = existsValue?.bool()
        let shaValue = fields.optional("sha256")
        let sha256 = shaValue?.string(expected: "64 hexadecimal digits (a SHA-256)") { text in
            text.count == 64 && text.allSatisfy(\.isHexDigit)
        }
        let containsValue = fields.optional("contains")
        var contains = containsValue?.string()
        if let text = contains, text.value.contains("\n") {
            containsValue?.error(
                "text for 'contains' spans several lines; expected one line of text (the check reads "
                    + "the file line by line)")
            contains = nil
        }
        guard let path, existsValue == nil || exists != nil, shaValue == nil || sha256 != nil,
            containsValue == nil || contains != nil
        else { return nil }
        if exists?.value == false, sha256 != nil || contains != nil {
            existsValue?.error(
                "'exists: false' with 'sha256' or 'contains' in file matcher; expected either a file "
                    + "that must not exist or checks of one that does")
            return nil
        }
        return .file(
            path: path.value, exists: exists?.value ?? true, sha256: sha256?.value.lowercased(),
            contains: contains?.value, location: value.location)
    }

    private func parseService(_ value: YAMLValue) -> Expectation? {
        guard let fields = value.mapping(of: "service matcher", keys: Self.serviceKeys) else { return nil }
        let name = fields.required("name")?.string(
            expected: "a systemd unit name such as nginx or nginx.service",
            where: PlanNameRules.isValidUnitName)
        let stateValue = fields.optional("state")
        let state = stateValue?.oneOf(ServiceState.self)
        let enabledValue = fields.optional("enabled")
        let enabled = enabledValue?.bool()
        guard let name, stateValue == nil || state != nil, enabledValue == nil || enabled != nil else { return nil }
        return .service(
            name: name.value, state: state?.value ?? .active, enabled: enabled?.value,
            location: value.location)
    }

    private func parsePackage(_ value: YAMLValue) -> Expectation? {
        guard let fields = value.mapping(of: "package matcher", keys: Self.packageKeys) else { return nil }
        let name = fields.required("name")?.string(
            expected: "a Debian package name such as nginx-light",
            where: PlanNameRules.isValidPackageName)
        let versionFields = fields.entries.filter { VersionMatcher.keys.contains($0.key.value) }
        if versionFields.count > 1 {
            fields.error(
                "expected at most one of \(VersionMatcher.keys.joined(separator: ", ")) in package matcher, "
                    + "found \(versionFields.map(\.key.value).joined(separator: " and "))")
            return nil
        }
        var matcher: VersionMatcher? = .installed
        if let (key, inner) = versionFields.first {
            matcher = nil
            if let text = inner.string() {
                if let version = DebianVersion(text.value) {
                    switch key.value {
                    case "version": matcher = .equals(version)
                    case "newer_than": matcher = .newerThan(version)
                    case "older_than": matcher = .olderThan(version)
                    default: matcher = .atLeast(version)
                    }
                } else {
                    inner.error(
                        "invalid version \(inner.found) for \(inner.label): "
                            + "\(DebianVersion.problem(with: text.value) ?? "?"); expected a Debian version such as 1.22.1-9")
                }
            }
        }
        guard let name, let matcher else { return nil }
        return .package(name: name.value, version: matcher, location: value.location)
    }

    private func parsePort(_ value: YAMLValue) -> Expectation? {
        guard let fields = value.mapping(of: "port matcher", keys: Self.portKeys) else { return nil }
        let number = fields.required("number")?.int(in: 1...65535)
        let protocolValue = fields.optional("protocol")
        let proto = protocolValue?.oneOf(PortProtocol.self)
        let listeningValue = fields.optional("listening")
        let listening = listeningValue?.bool()
        guard let number, protocolValue == nil || proto != nil, listeningValue == nil || listening != nil else { return nil }
        return .port(
            number: number.value, protocol: proto?.value ?? .tcp, listening: listening?.value ?? true,
            location: value.location)
    }

    private func parseHTTP(_ value: YAMLValue) -> Expectation? {
        guard let fields = value.mapping(of: "http matcher", keys: Self.httpKeys) else { return nil }
        let url = fields.required("url")?.string(expected: "an http:// or https:// URL") { text in
            (text.hasPrefix("http://") || text.hasPrefix("https://")) && !text.contains(where: \.isWhitespace)
                && text.count > "https://".count - 1
        }
        let statusValue = fields.optional("status")
        let status = statusValue?.int(in: 100...599)
        let bodyValue = fields.optional("body")
        let body = bodyValue.flatMap { parseText($0, what: "body matcher") }
        guard let url, statusValue == nil || status != nil, bodyValue == nil || body != nil else { return nil }
        return .http(url: url.value, status: status?.value ?? 200, body: body, location: value.location)
    }

    // MARK: Helpers

    /// The one entry of a matcher mapping that must have exactly one of `keys`.
    private func single(_ fields: YAMLMapping, keys: [String]) -> (String, YAMLValue)? {
        // An unknown key was reported already; counting it again would only repeat the problem.
        if fields.entries.count < fields.value.writtenKeyCount { return nil }
        guard fields.entries.count == 1, let (key, inner) = fields.entries.first else {
            let found = fields.entries.isEmpty ? "none" : fields.entries.map(\.key.value).joined(separator: " and ")
            fields.error(
                "expected exactly one of \(keys.joined(separator: ", ")) in \(fields.what), found \(found); "
                    + "use a list for several")
            return nil
        }
        return (key.value, inner)
    }

    /// A regular expression that compiles; the problem is reported at the expression.
    private func regex(_ value: YAMLValue) -> String? {
        guard let pattern = value.string() else { return nil }
        session.regularExpressions += 1
        if session.regularExpressions > PlanLoadSession.maximumRegularExpressions {
            value.error(
                "more than \(PlanLoadSession.maximumRegularExpressions) regular expressions in the plan and its "
                    + "includes; expected at most \(PlanLoadSession.maximumRegularExpressions) (each is compiled when the "
                    + "plan is read)")
            return nil
        }
        if let problem = TextMatcher.regexProblem(pattern.value) {
            value.error("invalid regular expression \(value.found) for \(value.label): \(problem)")
            return nil
        }
        return pattern.value
    }
}
