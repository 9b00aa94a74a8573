internal import Yams

/// A mapping being read strictly: every key must be a plain string, unknown keys are reported (with a
/// did-you-mean for near misses) and required keys that are absent are reported at the mapping.
public struct YAMLMapping {
    /// The mapping as a value (its location and label).
    public let value: YAMLValue
    /// What the mapping describes, for messages: "machine", "lab", "network 'lan'".
    public let what: String
    /// The keys this format allows, in the order messages list them; nil allows any key.
    public let allowedKeys: [String]?
    /// The mapping's entries with string keys, in file order.
    public let entries: [(key: Located<String>, value: YAMLValue)]

    init(mapping: Node.Mapping, value: YAMLValue, what: String, allowedKeys: [String]?) {
        self.value = value
        self.what = what
        self.allowedKeys = allowedKeys
        let reader = value.reader
        var entries: [(key: Located<String>, value: YAMLValue)] = []
        for (keyNode, valueNode) in mapping {
            let keyLocation = reader.location(of: keyNode)
            guard case let .scalar(scalar) = keyNode else {
                reader.error(
                    "expected a plain key in \(what), found \(YAMLValue(node: keyNode, reader: reader, label: "").found)",
                    at: keyLocation)
                continue
            }
            let key = scalar.string
            if let allowedKeys, !allowedKeys.contains(key) {
                reader.error(
                    "unknown key '\(key)' in \(what); expected one of: \(allowedKeys.joined(separator: ", "))"
                        + key.didYouMeanSuffix(among: allowedKeys), at: keyLocation)
                continue
            }
            entries.append((Located(key, at: keyLocation), YAMLValue(node: valueNode, reader: reader, label: "'\(key)'")))
        }
        self.entries = entries
    }

    /// Where the mapping starts: its first key. Missing keys are reported here.
    public var location: SourceLocation { value.location }

    /// True when the mapping has no (valid) entries.
    public var isEmpty: Bool { entries.isEmpty }

    /// The value of `key`, or nil (reported) if it is absent.
    public func required(_ key: String) -> YAMLValue? {
        guard let found = optional(key) else {
            value.reader.error("missing required key '\(key)' in \(what)", at: location)
            return nil
        }
        return found
    }

    /// The value of `key`, or nil if it is absent.
    public func optional(_ key: String) -> YAMLValue? {
        assert(allowedKeys?.contains(key) ?? true, "'\(key)' is read but not among the allowed keys of \(what)")
        return entries.first { $0.key.value == key }?.value
    }

    /// Where `key` itself is written, if present.
    public func keyLocation(_ key: String) -> SourceLocation? {
        entries.first { $0.key.value == key }?.key.location
    }

    /// Reports an error at this mapping.
    public func error(_ message: @autoclosure () -> String) {
        value.error(message())
    }
}
