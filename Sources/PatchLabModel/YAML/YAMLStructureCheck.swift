internal import CYaml

/// Checks a YAML text's shape on libyaml's event stream *before* Yams builds a tree of it, so that a
/// hostile file costs no more than its size to refuse.
///
/// Why before: Yams composes recursively, and it hashes every mapping key to find duplicates, so an
/// alias bomb used as a key ("billion laughs") never returns from `compose`. The events are read in
/// one pass with a stack of open collections, no recursion, no tree.
///
/// What is refused, each at its line and column:
/// - any character ``TextRules`` refuses, in the raw text or in a value (a quoted escape);
/// - a document of more than ``YAMLBudget/document`` values or bytes of text, an alias counting as
///   every value and byte it repeats ("billion laughs", or one long text repeated by many aliases);
/// - nesting deeper than ``maximumDepth``, and a value longer than ``maximumScalarBytes``;
/// - an alias used as (or inside) a mapping key;
/// - two keys of one mapping with the same text, however they are written: `on` next to `"on"` or
///   `!!str on` (Yams compares keys with their tags, so it keeps both, and readers disagree on which
///   one counts).
///
/// Syntax errors are left to Yams, whose messages the rest of the front end reports: the check just
/// stops at the first one, as `compose` will.
enum YAMLStructureCheck {
    /// Nesting of lists and mappings. A plan case is 6 deep; libyaml alone would allow 1,000, more
    /// than the recursive readers downstream should face.
    static let maximumDepth = 64
    /// Bytes in one value. A long shell script is a few KiB.
    static let maximumScalarBytes = 65_536
    /// Problems reported before the check gives up on the file.
    static let maximumProblems = 50

    /// What the check found: its problems, and what the document holds (aliases expanded) so that a
    /// plan can hold all its files together to one budget.
    struct Result {
        var problems: [Diagnostic]
        var size: YAMLBudget
    }

    /// Checks `yaml` against `budget`; `whole` names what the budget is for in messages ("the
    /// document", "the plan and its includes").
    static func check(
        _ yaml: String, file: String, budget: YAMLBudget = .document,
        whole: String = "the document"
    ) -> Result {
        if let raw = rawCharacterProblem(in: yaml, file: file) { return Result(problems: [raw], size: .zero) }
        var copy = yaml
        return copy.withUTF8 { bytes in
            var scan = EventScan(file: file, budget: budget, whole: whole)
            scan.run(bytes)
            return Result(problems: scan.problems, size: scan.total)
        }
    }

    /// The first character of the text itself that the rule refuses (a raw NUL, ESC, NEL…). A BOM is
    /// fine as the very first character; CR is a line break (CR LF and CR alone end a line, as libyaml
    /// counts lines).
    private static func rawCharacterProblem(in yaml: String, file: String) -> Diagnostic? {
        var line = 1, column = 1
        var previous: Unicode.Scalar?
        var first = true
        for scalar in yaml.unicodeScalars {
            defer { first = false; previous = scalar }
            switch scalar {
            case "\n":
                if previous != "\r" { line += 1 }
                column = 1
                continue
            case "\r":
                line += 1
                column = 1
                continue
            case "\u{FEFF}" where first:
                continue
            default:
                break
            }
            if TextRules.isForbidden(scalar) {
                return .error(
                    "control character \(TextRules.name(of: scalar)) in the file; expected \(TextRules.shape)",
                    at: SourceLocation(file: file, line: line, column: column))
            }
            column += 1
        }
        return nil
    }
}

/// One pass over the events of the first document.
private struct EventScan {
    /// An open list or mapping.
    struct Frame {
        var isMapping: Bool
        var anchor: String?
        /// Values and text inside, itself included, aliases expanded.
        var size = YAMLBudget(values: 1, textBytes: 0)
        /// For a mapping: true when the next node is a key.
        var expectingKey = true
        /// True when this collection is (inside) a mapping key.
        var inKey: Bool
        /// For a mapping: each key's text, with where it is first written.
        var keys: [String: SourceLocation] = [:]
    }

    let file: String
    let budget: YAMLBudget
    let whole: String
    var problems: [Diagnostic] = []
    var stack: [Frame] = []
    /// Each anchor's size (the latest definition wins, as anchors may be redefined).
    var anchorSizes: [String: YAMLBudget] = [:]
    var total = YAMLBudget.zero
    var stopped = false

    init(file: String, budget: YAMLBudget, whole: String) {
        self.file = file
        self.budget = budget
        self.whole = whole
    }

    mutating func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
        var event = yaml_event_t()
        while !stopped {
            // A syntax error: Yams will find and report the same one; libyaml's own nesting limit
            // (1,000, reached early when a key's lookahead scans many brackets) is said our way.
            guard yaml_parser_parse(&parser, &event) == 1 else {
                if let problem = parser.problem, String(cString: problem).hasPrefix("Maximum nesting level") {
                    tooDeep(at: location(parser.problem_mark))
                }
                return
            }
            defer { yaml_event_delete(&event) }
            switch event.type {
            case YAML_STREAM_END_EVENT, YAML_DOCUMENT_END_EVENT, YAML_NO_EVENT:
                // Only the first document is read; Yams refuses a second one.
                return
            case YAML_SCALAR_EVENT:
                scalar(event)
            case YAML_ALIAS_EVENT:
                alias(event)
            case YAML_SEQUENCE_START_EVENT:
                open(event, isMapping: false, anchor: Self.text(event.data.sequence_start.anchor))
            case YAML_MAPPING_START_EVENT:
                open(event, isMapping: true, anchor: Self.text(event.data.mapping_start.anchor))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                close()
            default:
                continue
            }
        }
    }

    // MARK: Events

    private mutating func scalar(_ event: yaml_event_t) {
        let location = self.location(event.start_mark)
        let length = event.data.scalar.length
        let isKey = nodeStartsAsKey
        if length > YAMLStructureCheck.maximumScalarBytes {
            report(
                "value too long (\(length) bytes); expected at most \(YAMLStructureCheck.maximumScalarBytes) bytes "
                    + "in one value", at: location)
        }
        let text = String(decoding: UnsafeBufferPointer(start: event.data.scalar.value, count: length), as: UTF8.self)
        if let scalar = TextRules.forbiddenScalar(in: text) {
            report(
                "control character \(TextRules.name(of: scalar)) in \(isKey ? "a key" : "a value"); "
                    + "expected \(TextRules.shape)", at: location)
        }
        if isKey { key(text, at: location) }
        let size = YAMLBudget(values: 1, textBytes: length)
        if let anchor = Self.text(event.data.scalar.anchor) { anchorSizes[anchor] = size }
        add(size, at: location, alias: nil)
        nodeEnded()
    }

    private mutating func alias(_ event: yaml_event_t) {
        let location = self.location(event.start_mark)
        let name = Self.text(event.data.alias.anchor) ?? ""
        if nodeStartsAsKey || stack.last?.inKey == true {
            report("alias '*\(name)' used as a mapping key; expected a plain key", at: location)
            stopped = true
            return
        }
        // An undefined alias is Yams's to report; it counts as one value until then.
        add(anchorSizes[name] ?? YAMLBudget(values: 1, textBytes: 0), at: location, alias: name)
        nodeEnded()
    }

    private mutating func open(_ event: yaml_event_t, isMapping: Bool, anchor: String?) {
        let location = self.location(event.start_mark)
        let inKey = nodeStartsAsKey || stack.last?.inKey == true
        if stack.count >= YAMLStructureCheck.maximumDepth {
            tooDeep(at: location)
            return
        }
        // The collection itself counts once, in its own frame; its parent gets the whole on close.
        total.values += 1
        if total.values > budget.values {
            tooMuch(at: location, alias: nil, repeating: YAMLBudget(values: 1, textBytes: 0))
            return
        }
        stack.append(Frame(isMapping: isMapping, anchor: anchor, inKey: inKey))
    }

    private mutating func close() {
        guard let frame = stack.popLast() else { return }
        if let anchor = frame.anchor { anchorSizes[anchor] = frame.size }
        if !stack.isEmpty { stack[stack.count - 1].size.add(frame.size) }
        nodeEnded()
    }

    private mutating func tooDeep(at location: SourceLocation) {
        report(
            "lists and mappings nested more than \(YAMLStructureCheck.maximumDepth) deep; expected at most "
                + "\(YAMLStructureCheck.maximumDepth) levels", at: location)
        stopped = true
    }

    // MARK: Bookkeeping

    /// True when the node about to start is a key of the innermost mapping.
    private var nodeStartsAsKey: Bool {
        guard let frame = stack.last else { return false }
        return frame.isMapping && frame.expectingKey
    }

    /// A node of the innermost collection is complete: a mapping's next node is a key again after a value.
    private mutating func nodeEnded() {
        guard !stack.isEmpty, stack[stack.count - 1].isMapping else { return }
        stack[stack.count - 1].expectingKey.toggle()
    }

    private mutating func key(_ text: String, at location: SourceLocation) {
        guard !stack.isEmpty else { return }
        if let first = stack[stack.count - 1].keys[text] {
            // Reported at the first occurrence, the one a reader keeping the first value would use.
            report(
                "duplicate key '\(Self.shown(text))' in a mapping (again at line \(location.line), column "
                    + "\(location.column)); expected each key at most once", at: first)
        } else {
            stack[stack.count - 1].keys[text] = location
        }
    }

    /// Counts `size` into the document and the innermost open collection.
    private mutating func add(_ size: YAMLBudget, at location: SourceLocation, alias: String?) {
        total.add(size)
        if !stack.isEmpty { stack[stack.count - 1].size.add(size) }
        if !total.fits(in: budget) { tooMuch(at: location, alias: alias, repeating: size) }
    }

    private mutating func tooMuch(at location: SourceLocation, alias: String?, repeating size: YAMLBudget) {
        let whole = YAMLBudget.document
        if total.values > budget.values {
            let what = alias.map { "alias '*\($0)' repeats \(size.values) values and takes" } ?? "it takes"
            report(
                "too many values: \(what) \(self.whole) past \(whole.values) (aliases count as the values they "
                    + "repeat); expected a smaller document", at: location)
        } else {
            let what = alias.map { "alias '*\($0)' repeats \(size.textBytes) bytes and takes" } ?? "it takes"
            report(
                "too much text: \(what) \(self.whole) past \(whole.textBytes) bytes (aliases count as the text "
                    + "they repeat); expected a smaller document", at: location)
        }
        stopped = true
    }

    private mutating func report(_ message: String, at location: SourceLocation) {
        problems.append(.error(message, at: location))
        if problems.count >= YAMLStructureCheck.maximumProblems { stopped = true }
    }

    private func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(file: file, line: mark.line + 1, column: mark.column + 1)
    }

    /// A key as messages show it: short, with any refused character named rather than printed.
    private static func shown(_ text: String) -> String {
        TextRules.printable(text.count > 60 ? String(text.prefix(57)) + "..." : text)
    }

    private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
