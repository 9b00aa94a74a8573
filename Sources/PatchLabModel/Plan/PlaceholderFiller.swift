internal import Yams

/// Fills a template's `{name}` placeholders with a case's `with:` values.
///
/// A scalar that is exactly one placeholder (`enabled: "{enabled}"`) takes the value's YAML type as
/// well as its text, so `with: {enabled: true}` fills a boolean and `with: {code: 200}` a number;
/// inside longer text a value is just text.
///
/// `{{` and `}}` stand for literal braces, for the rare template text that needs `{word}` as is
/// (`dpkg-query -f '${{Version}}'`). Text in braces that is not a name (`{print $1}`) is left alone.
///
/// Filling is held to a budget: every case that uses a template copies it, and a value can be put
/// in a text many times (`{x}{x}{x}…`), so a small plan could otherwise build gigabytes. Past the
/// budget, or past ``YAMLStructureCheck/maximumScalarBytes`` in one text, filling stops and says so.
struct PlaceholderFiller {
    let values: [String: Node.Scalar]
    /// What filling may produce, in values and bytes of text.
    let budget: YAMLBudget
    /// Placeholders with no value, with where each first appears.
    private(set) var missing: [(name: String, location: SourceLocation)] = []
    private var missingNames = Set<String>()
    /// What filling has produced so far.
    private(set) var produced = YAMLBudget.zero
    /// Where a filled text first grew past the longest a value may be, if one did.
    private(set) var tooLong: SourceLocation?

    init(values: [String: Node.Scalar], budget: YAMLBudget = .document) {
        self.values = values
        self.budget = budget
    }

    /// True once the budget ran out: what was filled is then cut short and must not be used.
    var isOverBudget: Bool { !produced.fits(in: budget) }

    /// The value with every placeholder in its scalars filled; keys are left as they are.
    mutating func fill(_ value: YAMLValue) -> YAMLValue {
        YAMLValue(node: fill(value.node, reader: value.reader), reader: value.reader, label: value.label)
    }

    private mutating func fill(_ node: Node, reader: YAMLReader) -> Node {
        produced.values += 1
        if isOverBudget || tooLong != nil { return node }
        switch node {
        case let .scalar(scalar):
            let location = reader.location(of: node)
            if let value = wholePlaceholder(scalar.string, at: location) {
                produced.textBytes += value.string.utf8.count
                // The template's mark, so locations stay in the template's file.
                return .scalar(Node.Scalar(value.string, value.tag, value.style, scalar.mark))
            }
            let text = fill(scalar.string, at: location)
            produced.textBytes += text.utf8.count
            // The tag and style are kept: a quoted "{port}" stays a string, and the mark keeps
            // locations pointing into the template.
            return .scalar(Node.Scalar(text, scalar.tag, scalar.style, scalar.mark))
        case let .mapping(mapping):
            var pairs: [(Node, Node)] = []
            for (key, value) in mapping { pairs.append((key, fill(value, reader: reader))) }
            return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
        case let .sequence(sequence):
            var items: [Node] = []
            for item in sequence { items.append(fill(item, reader: reader)) }
            return .sequence(Node.Sequence(items, sequence.tag, sequence.style, sequence.mark))
        case .alias:
            return node
        }
    }

    /// The value for a scalar written as exactly `{name}`, if it has one.
    private mutating func wholePlaceholder(_ text: String, at location: SourceLocation) -> Node.Scalar? {
        guard text.hasPrefix("{"), text.hasSuffix("}"), !text.hasPrefix("{{") else { return nil }
        let name = String(text.dropFirst().dropLast())
        guard Self.isName(name), let value = values[name] else { return nil }
        return value
    }

    private mutating func fill(_ text: String, at location: SourceLocation) -> String {
        let characters = Array(text)
        var result = ""
        var index = 0
        let room = min(YAMLStructureCheck.maximumScalarBytes, budget.textBytes - produced.textBytes)
        while index < characters.count {
            if result.utf8.count > room {
                // Past the budget the caller reports that; past the longest value, this text.
                if result.utf8.count > YAMLStructureCheck.maximumScalarBytes { tooLong = tooLong ?? location }
                break
            }
            let character = characters[index]
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            if (character == "{" && next == "{") || (character == "}" && next == "}") {
                result.append(character)
                index += 2
                continue
            }
            // The name is read up to the first character that cannot be in one; only a `}` there makes
            // it a placeholder. (Looking for the `}` first and then checking the text between made
            // `{a{a{a…` cost the square of its length.)
            if character == "{", let close = Self.nameEnd(characters, after: index), characters[close] == "}" {
                let name = String(characters[(index + 1)..<close])
                if Self.isName(name) {
                    if let value = values[name] {
                        result += value.string
                    } else {
                        if missingNames.insert(name).inserted { missing.append((name, location)) }
                        result += "{\(name)}"
                    }
                    index = close + 1
                    continue
                }
            }
            result.append(character)
            index += 1
        }
        return result
    }

    /// The index of the first character after `start` that cannot be part of a name, if any.
    private static func nameEnd(_ characters: [Character], after start: Int) -> Int? {
        var index = start + 1
        while index < characters.count, characters[index].unicodeScalars.count == 1,
            isNameCharacter(characters[index].unicodeScalars.first!)
        {
            index += 1
        }
        return index < characters.count ? index : nil
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-"
    }

    /// `[A-Za-z_][A-Za-z0-9_-]*`.
    static func isName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first,
            ("a"..."z").contains(first) || ("A"..."Z").contains(first) || first == "_"
        else { return false }
        return text.unicodeScalars.allSatisfy(isNameCharacter)
    }
}
