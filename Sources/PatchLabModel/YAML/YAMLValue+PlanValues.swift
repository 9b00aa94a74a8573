internal import Yams

extension YAMLValue {
    /// A decimal number (`90`, `0.5`, `-3`).
    func number() -> Located<Double>? {
        guard let text = scalarText, !isNull, let number = Double(text.trimmingSpaces()), number.isFinite else {
            error("expected a number for \(label), found \(found)")
            return nil
        }
        return Located(number, at: location)
    }

    /// A duration (see ``DurationText``), optionally at least `minimum`.
    func duration(atLeast minimum: Duration = .zero) -> Located<Duration>? {
        guard let text = string() else { return nil }
        guard let duration = DurationText.parse(text.value) else {
            error("invalid duration \(found) for \(label); expected \(DurationText.shape)")
            return nil
        }
        if duration < minimum {
            error("\(label) too short; expected at least \(DurationText.format(minimum)), found \(found)")
            return nil
        }
        return Located(duration, at: location)
    }

    /// A string, or a list of strings (`on: web-01` or `on: [web-01, web-02]`); nil if any item is
    /// not a string (reported).
    func stringOrList() -> [Located<String>]? {
        if case .sequence = node {
            guard let items = list() else { return nil }
            let strings = items.compactMap { $0.string() }
            return strings.count == items.count ? strings : nil
        }
        return string().map { [$0] }
    }

    /// The value as JSON, with YAML's own typing: quoted text is a string, `200` a number, `true` a
    /// boolean, `null` or nothing is null. Nil (reported) when a mapping in it has a key that is not
    /// text: JSON has no such keys, and reading one as "" would compare against something never written.
    func jsonValue() -> JSONValue? {
        func firstComplexKey(_ node: Node) -> Node? {
            switch node {
            case .scalar, .alias: return nil
            case let .sequence(sequence): return sequence.lazy.compactMap(firstComplexKey).first
            case let .mapping(mapping):
                for (key, value) in mapping {
                    if case .scalar = key {} else { return key }
                    if let found = firstComplexKey(value) { return found }
                }
                return nil
            }
        }
        if let key = firstComplexKey(node) {
            let found = YAMLValue(node: key, reader: reader, label: "").found
            reader.error("expected a text key in the JSON value for \(label), found \(found)", at: reader.location(of: key))
            return nil
        }
        return JSONValue(yaml: node)
    }

    /// True when the value is a YAML list.
    var isList: Bool {
        if case .sequence = node { return true }
        return false
    }

    /// True when the value is a YAML mapping.
    var isMapping: Bool {
        if case .mapping = node { return true }
        return false
    }

    /// How many keys the mapping has as written, including any refused as unknown; 0 for other values.
    var writtenKeyCount: Int {
        if case let .mapping(mapping) = node { return mapping.count }
        return 0
    }

    /// The file the value was read from (a template may come from an included file).
    var file: String { reader.file }
}
