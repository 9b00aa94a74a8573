internal import Yams

/// One node of a document being read by a ``YAMLReader``, with typed accessors.
///
/// Each accessor either returns the value with its location or reports a diagnostic ("expected an
/// integer for 'vcpus', found a list") and returns nil, so callers just skip what is missing and carry
/// on collecting problems.
public struct YAMLValue {
    let node: Node
    let reader: YAMLReader
    /// How messages name this value, e.g. `'vcpus'` or `item 2 of 'machines'`.
    public let label: String

    init(node: Node, reader: YAMLReader, label: String) {
        self.node = node
        self.reader = reader
        self.label = label
    }

    /// Where the value starts.
    public var location: SourceLocation { reader.location(of: node) }

    /// True for an empty value (`key:`), `~` or `null`.
    public var isNull: Bool {
        guard case let .scalar(scalar) = node else { return false }
        return scalar.style == .plain && node.null != nil
    }

    /// The text of a scalar, nil for a mapping or a list.
    public var scalarText: String? {
        guard case let .scalar(scalar) = node else { return nil }
        return scalar.string
    }

    /// What the value is, for the "found …" half of a message: `'lots'`, `a list`, `nothing`.
    public var found: String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case let .scalar(scalar):
            if isNull { return scalar.string.isEmpty ? "nothing" : scalar.string }
            let text = scalar.string.count > 60 ? String(scalar.string.prefix(57)) + "..." : scalar.string
            return "'\(TextRules.printable(text))'"
        }
    }

    /// Reports an error at this value.
    public func error(_ message: @autoclosure () -> String) {
        reader.error(message(), at: location)
    }

    private func typeMismatch<T>(_ expected: String) -> T? {
        error("expected \(expected) for \(label), found \(found)")
        return nil
    }

    /// This value as a mapping of `what` (used in messages, e.g. "machine"). With `keys`, any other key
    /// is reported as unknown; with nil, any key is allowed (for user-named entries such as hosts).
    public func mapping(of what: String, keys: [String]?) -> YAMLMapping? {
        guard case let .mapping(mapping) = node else {
            let shape = keys.map { " with keys \($0.joined(separator: ", "))" } ?? ""
            return typeMismatch("a mapping\(shape)")
        }
        return YAMLMapping(mapping: mapping, value: self, what: what, allowedKeys: keys)
    }

    /// This value as a list; each item is labelled `item N of <label>`.
    public func list() -> [YAMLValue]? {
        guard case let .sequence(sequence) = node else { return typeMismatch("a list") }
        return sequence.enumerated().map { index, item in
            YAMLValue(node: item, reader: reader, label: "item \(index + 1) of \(label)")
        }
    }

    /// Any non-empty scalar, as written (YAML's `123` or `yes` are fine as text).
    public func string() -> Located<String>? {
        guard let text = scalarText, !isNull else { return typeMismatch("a string") }
        return Located(text, at: location)
    }

    /// A string on one line (a title, a name, a kernel command line): a `|` block or a `"\n"` escape
    /// would put a line break in text shown, or passed on, as one line.
    public func singleLine() -> Located<String>? {
        guard let text = string() else { return nil }
        guard !text.value.contains("\n") else {
            error("expected a single line of text for \(label), found \(found), which has a line break")
            return nil
        }
        return text
    }

    /// A file path: one line, not empty. Whether the file exists is the caller's business.
    public func path() -> Located<String>? {
        guard let text = singleLine() else { return nil }
        guard !text.value.trimmingSpaces().isEmpty else {
            error("expected a path for \(label), found an empty text")
            return nil
        }
        return text
    }

    /// A string that passes `isValid`; otherwise reports `invalid value … for <label>; expected <expected>`.
    public func string(expected: String, where isValid: (String) -> Bool) -> Located<String>? {
        guard let text = string() else { return nil }
        guard isValid(text.value) else {
            error("invalid value \(found) for \(label); expected \(expected)")
            return nil
        }
        return text
    }

    /// A decimal integer, optionally within `range`.
    public func int(in range: ClosedRange<Int>? = nil) -> Located<Int>? {
        guard let text = scalarText, !isNull, let number = Int(text.trimmingSpaces()) else {
            return typeMismatch("an integer")
        }
        if let range, !range.contains(number) {
            error("\(label) out of range; expected \(range.lowerBound) to \(range.upperBound), found \(number)")
            return nil
        }
        return Located(number, at: location)
    }

    /// `true`/`false` (and YAML 1.1's `yes`/`no`/`on`/`off`), unquoted.
    public func bool() -> Located<Bool>? {
        guard case let .scalar(scalar) = node, let flag = Bool.construct(from: scalar) else {
            return typeMismatch("true or false")
        }
        return Located(flag, at: location)
    }

    /// A size such as `512`, `512M`, `512 MiB`, `1G` or `1 GiB`, in MiB, optionally within `range` (MiB).
    public func mebibytes(in range: ClosedRange<Int>? = nil) -> Located<Int>? {
        guard let text = scalarText, !isNull, let size = MebibyteSize.parse(text) else {
            return typeMismatch("a size in MiB such as 512, 512 MiB or 1 GiB")
        }
        if let range {
            if size < range.lowerBound {
                error("\(label) too small; expected at least \(MebibyteSize.format(range.lowerBound)), found \(MebibyteSize.format(size))")
                return nil
            }
            if size > range.upperBound {
                error("\(label) too large; expected at most \(MebibyteSize.format(range.upperBound)), found \(MebibyteSize.format(size))")
                return nil
            }
        }
        return Located(size, at: location)
    }

    /// One of an enumeration's raw values; the message lists them all, in declaration order.
    public func oneOf<E: CaseIterable & RawRepresentable<String>>(_ type: E.Type) -> Located<E>? {
        let allowed = E.allCases.map(\.rawValue)
        guard let text = scalarText, !isNull else {
            return typeMismatch("one of \(allowed.joined(separator: ", "))")
        }
        guard let value = E(rawValue: text) else {
            error(
                "unknown value \(found) for \(label); expected one of: \(allowed.joined(separator: ", "))"
                    + text.didYouMeanSuffix(among: allowed))
            return nil
        }
        return Located(value, at: location)
    }
}
