import Foundation

/// One hostile input and what the loader must do with it.
struct CorpusEntry {
    enum Expectation {
        case accept
        /// Refused; optionally with an error that mentions `text`, on `line`, in `file` (relative to the
        /// workspace; nil: the input file itself).
        case reject(mentions: String? = nil, line: Int? = nil, file: String? = nil)
    }

    var name: String
    var kind: LoaderKind
    var bytes: Data
    var expectation: Expectation

    init(_ name: String, _ kind: LoaderKind, _ text: String, _ expectation: Expectation) {
        self.init(name, kind, Data(text.utf8), expectation)
    }

    init(_ name: String, _ kind: LoaderKind, _ bytes: Data, _ expectation: Expectation) {
        self.name = "\(kind.rawValue): \(name)"
        self.kind = kind
        self.bytes = bytes
        self.expectation = expectation
    }
}

/// Generates the corpus: every slot of every valid file with every value mutation, then structural
/// mutations of each whole file, then files that name special files. Validity is decided here, per
/// input, from ``ValueRule`` and the formats' documentation.
enum HostileCorpus {
    static func entries() -> [CorpusEntry] {
        CorpusSlot.all.flatMap(slotEntries) + LoaderKind.allCases.flatMap(structuralEntries) + namedFileEntries()
    }

    // MARK: Value mutations

    /// Characters the one rule refuses, as YAML escapes, with how messages name them.
    static let controlEscapes: [(escape: String, name: String)] = [
        ("\\0", "U+0000"), ("\\x07", "U+0007"), ("\\e", "U+001B"), ("\\r", "U+000D"), ("\\x7F", "U+007F"),
        ("\\N", "U+0085"), ("\\L", "U+2028"), ("\\P", "U+2029"), ("\\u202E", "U+202E"), ("\\u2066", "U+2066"),
        ("\\uFEFF", "U+FEFF"),
    ]

    /// Texts that are valid for some slots and not others (as YAML, and as the string read).
    static func textMutations(_ slot: CorpusSlot) -> [(name: String, yaml: String, text: String)] {
        [
            ("trailing newline", HostileText.quoted(slot.text, escapes: "\\n"), slot.text + "\n"),
            ("empty text", "\"\"", ""),
            ("blank text", "\"   \"", "   "),
            ("5,000 characters", String(repeating: "a", count: 5000), String(repeating: "a", count: 5000)),
            ("huge number", "\"123456789012345678901234567890\"", "123456789012345678901234567890"),
            ("accented letter", "\"wéb\"", "wéb"),
            ("emoji and space", "\"🚀 launch\"", "🚀 launch"),
            ("tab inside", "\"a\\tb\"", "a\tb"),
            ("negative number", "\"-1\"", "-1"),
            ("YAML 1.1 boolean word", "\"yes\"", "yes"),
            ("fullwidth letters", "\"ｗｅｂ\"", "ｗｅｂ"),
            ("zero-width space", HostileText.quoted(slot.text + "\u{200B}"), slot.text + "\u{200B}"),
            ("combining accent", "\"e\u{301}\"", "e\u{301}"),
            ("shell substitution", "\"$(reboot)\"", "$(reboot)"),
            ("path traversal", "\"../../etc/passwd\"", "../../etc/passwd"),
        ]
    }

    static func slotEntries(_ slot: CorpusSlot) -> [CorpusEntry] {
        let line = LoaderWorkspace.line(of: slot.name, in: slot.kind)
        func entry(_ what: String, _ yaml: String, _ expectation: CorpusEntry.Expectation) -> CorpusEntry {
            CorpusEntry(
                "\(slot.name) ← \(what)", slot.kind,
                LoaderWorkspace.text(slot.kind, replacing: [slot.name: yaml]), expectation)
        }
        var entries = controlEscapes.map { control in
            entry(
                "\(control.name) escape", HostileText.quoted(slot.text, escapes: control.escape),
                .reject(mentions: "control character \(control.name)", line: line))
        }
        for mutation in textMutations(slot) {
            let reportedAt = slot.reportedAt.map { LoaderWorkspace.line(of: $0(mutation.text), in: slot.kind) } ?? line
            entries.append(
                entry(
                    mutation.name, mutation.yaml,
                    slot.rule.accepts(mutation.text) ? .accept : .reject(line: reportedAt)))
        }
        entries.append(
            entry(
                "70,000 characters", String(repeating: "a", count: 70_000),
                .reject(mentions: "too long", line: line)))
        entries.append(entry("a list of itself", "[\(slot.valid)]", slot.listOK ? .accept : .reject(line: line)))
        entries.append(entry("a mapping", "{a: 1}", .reject(line: line)))
        entries.append(entry("null", "~", slot.nullOK ? .accept : .reject(line: line)))
        entries.append(entry("an undefined alias", "*nowhere", .reject(mentions: "undefined alias", line: line)))
        return entries
    }

    // MARK: Whole-file mutations

    static func structuralEntries(_ kind: LoaderKind) -> [CorpusEntry] {
        let valid = LoaderWorkspace.text(kind)
        let lineCount = valid.components(separatedBy: "\n").count
        let firstKey = String(valid.prefix { $0 != ":" })
        let firstValue = valid.split(separator: "\n")[0].dropFirst(firstKey.count + 2)
        var entries: [CorpusEntry] = []
        func add(_ name: String, _ text: String, _ expectation: CorpusEntry.Expectation) {
            entries.append(CorpusEntry(name, kind, text, expectation))
        }
        func add(_ name: String, _ bytes: Data, _ expectation: CorpusEntry.Expectation) {
            entries.append(CorpusEntry(name, kind, bytes, expectation))
        }

        // Empty and trivial documents.
        add("empty file", "", .reject(mentions: "empty document", line: 1))
        add("whitespace only", "   \n\n      \n", .reject(mentions: "empty document", line: 1))
        add("comment only", "# nothing here\n", .reject(mentions: "empty document", line: 1))
        add("document marker only", "---\n", .reject(mentions: "found nothing"))
        add("null document", "~\n", .reject(mentions: "expected a mapping", line: 1))
        add("scalar document", "hello\n", .reject(mentions: "expected a mapping", line: 1))
        add("list document", "[\(firstKey), \(firstValue)]\n", .reject(mentions: "expected a mapping", line: 1))
        add("empty mapping", "{}\n", .reject(mentions: "missing required key", line: 1))

        // Encodings, byte order marks and line ends.
        add("BOM then the valid file", "\u{FEFF}" + valid, .accept)
        add("BOM only", "\u{FEFF}", .reject(mentions: "empty document", line: 1))
        add(
            "BOM in the middle", HostileText.appending("  # \u{FEFF}", toLine: 2, of: valid),
            .reject(mentions: "U+FEFF", line: 2))
        add("CR LF line ends", HostileText.crlf(valid), .accept)
        add("CR line ends", valid.replacingOccurrences(of: "\n", with: "\r"), .accept)
        add(
            "CR LF with an unknown key on the last line", HostileText.crlf(valid + "\nbogus: 1\n"),
            .reject(mentions: "unknown key 'bogus'", line: lineCount + 1))
        for (character, name) in [
            ("\u{0}", "U+0000"), ("\u{1B}", "U+001B"), ("\u{7F}", "U+007F"), ("\u{85}", "U+0085"),
            ("\u{2028}", "U+2028"), ("\u{202E}", "U+202E"), ("\u{8}", "U+0008"),
        ] {
            add(
                "raw \(name) in a comment, CR LF", HostileText.crlf(HostileText.appending("  # x\(character)", toLine: 3, of: valid)),
                .reject(mentions: name, line: 3))
            add(
                "raw \(name) at the end of line 2", HostileText.appending(character, toLine: 2, of: valid),
                .reject(mentions: name, line: 2))
        }
        add("UTF-16LE", valid.data(using: .utf16LittleEndian)!, .reject(line: 1))
        add("UTF-16 with BOM", valid.data(using: .utf16)!, .reject(line: 1))
        var invalid = Data(HostileText.appending(" # x", toLine: 3, of: valid).utf8)
        invalid.insert(0xFF, at: Data(valid.components(separatedBy: "\n").prefix(3).joined(separator: "\n").utf8).count)
        add("invalid UTF-8 byte on line 3", invalid, .reject(mentions: "not UTF-8", line: 3))
        add(
            "overlong UTF-8 on line 2",
            Data(valid.components(separatedBy: "\n")[0].utf8) + Data([0x0A, 0x23, 0xC0, 0xAF, 0x0A])
                + Data(valid.components(separatedBy: "\n").dropFirst().joined(separator: "\n").utf8),
            .reject(mentions: "not UTF-8", line: 2))
        add("truncated UTF-8 at the end", Data((valid + "\n# é").utf8).dropLast(), .reject(mentions: "not UTF-8", line: lineCount + 1))
        for seed in 1...6 {
            add("binary garbage \(seed)", HostileText.garbage(seed: UInt64(seed), count: 64 * seed * seed), .reject())
            add("printable garbage \(seed)", HostileText.garbage(seed: UInt64(seed), count: 100 * seed, printable: true), .reject())
        }
        add("garbage after the valid file", HostileText.garbage(seed: 9, count: 300).withPrefix(valid + "\n"), .reject())

        // Several documents, directives, markers.
        add("two documents", valid + "\n---\n" + valid, .reject(mentions: "single document", line: lineCount + 1))
        add("document end marker", valid + "\n...\n", .accept)
        add("YAML 1.1 directive", "%YAML 1.1\n---\n" + valid, .accept)
        add("YAML 2.0 directive", "%YAML 2.0\n---\n" + valid, .reject(line: 1))
        add("trailing closing bracket", valid + "\n]\n", .reject(line: lineCount + 1))

        // Indentation and nesting.
        add("tab indentation", valid.replacingOccurrences(of: "\n  ", with: "\n\t"), .reject())
        add(
            "100 nested flow lists", valid + "\nx: " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
            .reject(mentions: "nested", line: lineCount + 1))
        add(
            "10,000 unclosed flow lists", valid + "\nx: " + String(repeating: "[", count: 10_000),
            .reject(mentions: "nested", line: lineCount + 1))
        add(
            "1,000,000 unclosed flow lists", valid + "\nx: " + String(repeating: "[", count: 1_000_000),
            .reject(mentions: "nested", line: lineCount + 1))
        add(
            "500,000 unclosed flow mappings", valid + "\nx: " + String(repeating: "{", count: 500_000),
            .reject(mentions: "nested", line: lineCount + 1))
        add(
            "100 nested flow mappings", valid + "\nx: " + String(repeating: "{a: ", count: 100) + String(repeating: "}", count: 100),
            .reject(mentions: "nested", line: lineCount + 1))
        add(
            "200 nested block mappings",
            valid + "\n"
                + (0..<200).map { String(repeating: "  ", count: $0) + "k\($0):" }
                .joined(separator: "\n") + " end", .reject(mentions: "nested"))
        add("300 nested block lists on one line", String(repeating: "- ", count: 300) + "x\n", .reject(mentions: "nested", line: 1))

        // Aliases: bombs, keys, legitimate use.
        add("billion laughs", valid + "\nbombs:\n" + HostileText.laughs(), .reject(mentions: "too many values"))
        add(
            "billion laughs in a flow mapping", valid + "\nx: " + HostileText.flowLaughs(levels: 9),
            .reject(mentions: "too many values", line: lineCount + 1))
        add(
            "bomb as a mapping key", valid + "\nbombs:\n" + HostileText.laughs() + "\nkey:\n  ? *a9\n  : 1\n",
            .reject(mentions: "too many values"))
        add(
            "alias as a mapping key", valid + "\nsmall:\n" + HostileText.laughs(levels: 3) + "\nkey:\n  ? *a2\n  : 1\n",
            .reject(mentions: "used as a mapping key", line: lineCount + 6))
        add(
            "alias inside a flow key", valid + "\nsmall:\n" + HostileText.laughs(levels: 3) + "\nkey: {[*a2]: 1}\n",
            .reject(mentions: "used as a mapping key", line: lineCount + 5))
        add("scalar alias as a key", "\(firstKey): &k \(firstValue)\n*k : again\n", .reject(mentions: "used as a mapping key", line: 2))
        add(
            "a 60,000-byte text repeated by 2,000 aliases",
            valid + "\nlong: &t " + String(repeating: "a", count: 60_000) + "\nuse: ["
                + Array(repeating: "*t", count: 2_000).joined(separator: ", ") + "]\n",
            .reject(mentions: "too much text: alias '*t' repeats 60000 bytes", line: lineCount + 2))
        add(
            "one wide anchor used five times",
            valid + "\nwide: &w [" + Array(repeating: "1", count: 20_000).joined(separator: ",") + "]\nuse: [*w, *w, *w, *w, *w]\n",
            .reject(mentions: "too many values", line: lineCount + 2))
        add("legitimate alias", legitimateAlias(kind), .accept)

        // Duplicate keys, however disguised.
        for (quote, what) in [
            ("\"\(firstKey)\"", "double quotes"), ("'\(firstKey)'", "single quotes"),
            ("!!str \(firstKey)", "a !!str tag"), (firstKey, "plain"),
        ] {
            add(
                "top key repeated with \(what)", HostileText.inserting("\(quote): \(firstValue)", afterLine: 1, of: valid),
                .reject(mentions: "duplicate key '\(firstKey)'", line: 1))
        }
        let nested = nestedDuplicate(kind)
        add(
            "nested key repeated in double quotes", HostileText.inserting(nested.text, afterLine: nested.line, of: valid),
            .reject(mentions: "duplicate key '\(nested.key)'", line: nested.line))
        add("merge key", valid + "\n<<: {\(firstKey): other}\n", .reject(line: lineCount + 1))
        add("complex key", valid + "\n? [a, b]\n: 1\n", .reject(mentions: "plain key"))
        add("fullwidth key", "ｆｕｌｌ: 1\n" + valid, .reject(mentions: "unknown key", line: 1))
        add("NUL in a key", valid + "\n\"\(firstKey)\\0\": x\n", .reject(mentions: "U+0000", line: lineCount + 1))
        add(
            "60,000-character unknown key", valid + "\n? " + String(repeating: "k", count: 60_000) + "\n: 1\n",
            .reject(mentions: "unknown key", line: lineCount + 1))

        // Size.
        add("just over 1 MiB", valid + "\n# " + String(repeating: "x", count: 1 << 20), .reject(mentions: "too large", line: 1))
        add("a 1,000,000-character comment", valid + "\n# " + String(repeating: "x", count: 1_000_000), .accept)
        add(
            "150,000 values", valid + "\nmany: [" + Array(repeating: "1", count: 150_000).joined(separator: ",") + "]\n",
            .reject(mentions: "too many values", line: lineCount + 1))
        entries += longLists(kind, valid: valid, lineCount: lineCount)
        return entries
    }

    /// An anchor on one valid value, aliased where the same value is valid.
    static func legitimateAlias(_ kind: LoaderKind) -> String {
        switch kind {
        case .lab:
            return LoaderWorkspace.text(.lab, replacing: ["role": "&r web"]).replacingOccurrences(of: "role: db", with: "role: *r")
        case .plan:
            return LoaderWorkspace.text(.plan, replacing: ["planTitle": "&t Web tier acceptance", "caseTitle": "*t"])
        case .change:
            return LoaderWorkspace.text(.change, replacing: ["changeTitle": "&t nginx security update", "reason": "*t"])
        case .members:
            return LoaderWorkspace.text(.members, replacing: ["boardName": "&n Change Advisory Board", "memberName": "*n"])
        }
    }

    /// A line repeating a nested key in quotes, inserted after the key's own line.
    static func nestedDuplicate(_ kind: LoaderKind) -> (line: Int, text: String, key: String) {
        switch kind {
        case .lab: return (LoaderWorkspace.line(of: "role", in: .lab), "    \"role\": db", "role")
        case .plan: return (LoaderWorkspace.line(of: "on", in: .plan), "    \"on\": db-01", "on")
        case .change: return (LoaderWorkspace.line(of: "patchTimeout", in: .change), "  \"timeout\": 5m", "timeout")
        case .members: return (LoaderWorkspace.line(of: "memberName", in: .members), "    'name': Mallory", "name")
        }
    }

    /// Long lists whose duplicate checks once grew with the square of their length, valid and not.
    static func longLists(_ kind: LoaderKind, valid: String, lineCount: Int) -> [CorpusEntry] {
        switch kind {
        case .lab:
            // /29 subnets of 10.0.0.0/8, none overlapping; each machine may list them all.
            let count = 6_000
            // Network i is 10.0.x.y/29 at 8·i, with the host side address its first usable one.
            let networks = (0..<count).map { "  n\($0): {address: 10.0.\($0 * 8 / 256).\($0 * 8 % 256 + 1)/29}" }
            let lanBlock = "networks:\n  lan:\n    address: 10.213.10.1/24"
            let lab = valid.replacingOccurrences(of: lanBlock, with: lanBlock + "\n" + networks.joined(separator: "\n"))
            let overlapping = valid.replacingOccurrences(
                of: lanBlock, with: lanBlock + "\n" + networks.joined(separator: "\n") + "\n  last: {address: 10.0.0.3/29}")
            let everyNetwork = "[lan, " + (0..<count).map { "n\($0)" }.joined(separator: ", ") + "]"
            let machines = (0..<8_000).map {
                "  - {name: m\($0), role: web, mirrors: p\($0), image: debian-12, criticality: low}"
            }.joined(separator: "\n")
            return [
                CorpusEntry(
                    "8,000 machines (about the most the value budget allows)", .lab,
                    valid.replacingOccurrences(of: "machines:\n", with: "machines:\n" + machines + "\n"),
                    .accept),
                CorpusEntry(
                    "6,000 networks, each machine on all of them", .lab,
                    lab.replacingOccurrences(of: "networks: [lan]", with: "networks: \(everyNetwork)"), .accept),
                CorpusEntry(
                    "6,000 networks, the last overlapping the first", .lab, overlapping,
                    .reject(mentions: "overlaps subnet 10.0.0.1/29 of network 'n0'")),
                CorpusEntry(
                    "6,000 network references, the last one twice", .lab,
                    lab.replacingOccurrences(of: "networks: [lan]", with: "networks: \(everyNetwork.dropLast()), n0]"),
                    .reject(mentions: "listed twice")),
            ]
        case .plan:
            let tags = (0..<30_000).map { "t\($0)" }.joined(separator: ", ")
            let applications = (0..<15_000).map { "app-\($0)" }.joined(separator: ", ")
            let line = LoaderWorkspace.line(of: "planTag", in: .plan)
            return [
                CorpusEntry("30,000 tags", .plan, valid.replacingOccurrences(of: "tags: [smoke, web]", with: "tags: [\(tags)]"), .accept),
                CorpusEntry(
                    "a 60,000-byte tag repeated by 2,000 aliases", .plan,
                    valid.replacingOccurrences(
                        of: "tags: [smoke, web]",
                        with: "tags: [&t \(String(repeating: "a", count: 60_000)), "
                            + Array(repeating: "*t", count: 2_000).joined(separator: ", ") + "]"),
                    .reject(mentions: "too much text", line: line)),
                CorpusEntry(
                    "30,000 tags, some twice", .plan,
                    valid.replacingOccurrences(of: "tags: [smoke, web]", with: "tags: [\(tags), \(tags.prefix(5000))]"), .accept),
                CorpusEntry(
                    "30,000 tags, the last invalid", .plan,
                    valid.replacingOccurrences(of: "tags: [smoke, web]", with: "tags: [\(tags), Bad]"),
                    .reject(mentions: "invalid tag 'Bad'", line: line)),
                CorpusEntry(
                    "15,000 applications, the last twice", .plan,
                    valid.replacingOccurrences(
                        of: "applications:\n  - name: nginx\n    description: Public web server",
                        with: "applications: [\(applications), app-0]"),
                    .reject(mentions: "listed twice")),
                CorpusEntry(
                    "a template of 2,000 values used by 1,000 cases", .plan, templateUses(1000),
                    .reject(mentions: "copied from templates")),
                CorpusEntry(
                    "a template putting one value in a text 20,000 times", .plan,
                    valid.replacingOccurrences(of: "\"{service}\"", with: "\"" + String(repeating: "{service}", count: 7_000) + "\"")
                        .replacingOccurrences(
                            of: "with: {service: nginx}",
                            with: "with: {service: \(String(repeating: "n", count: 2_000))}"),
                    .reject(mentions: "longer than 65536 bytes")),
                CorpusEntry("a template of 2,000 values used by 40 cases", .plan, templateUses(40), .accept),
                CorpusEntry("10,000 cases", .plan, manyCases(10_000, defaults: "{on: web-01}"), .accept),
                CorpusEntry(
                    "40,000 default machines inherited by 1,000 cases", .plan,
                    manyCases(
                        1000,
                        defaults: "{on: [" + (0..<40_000).map { "m\($0)" }.joined(separator: ", ") + "]}"), .accept),
                CorpusEntry(
                    "30,000 distinct regular expressions", .plan, regularExpressions(30_000),
                    .reject(mentions: "more than 5000 regular expressions", line: LoaderWorkspace.line(of: "regex", in: .plan))),
                CorpusEntry("4,000 distinct regular expressions", .plan, regularExpressions(4_000), .accept),
                CorpusEntry(
                    "a template text of 30,000 '{a' without a '}'", .plan,
                    valid.replacingOccurrences(
                        of: "\"{service}\"",
                        with: "\"{service}" + String(repeating: "{a", count: 30_000) + "\""), .accept),
                CorpusEntry(
                    "a JSON expectation of 60,000 characters that YAML 1.1 could read as a number", .plan,
                    valid.replacingOccurrences(
                        of: "equals: ok",
                        with: "equals: " + String(repeating: "1:", count: 30_000) + "x"), .accept),
                CorpusEntry(
                    "a JSON expectation with a list as a key", .plan,
                    valid.replacingOccurrences(of: "equals: ok", with: "equals: {[a]: 1}"),
                    .reject(mentions: "expected a text key", line: LoaderWorkspace.line(of: "jsonPath", in: .plan))),
                CorpusEntry(
                    "unknown template with a 60,000-character name", .plan,
                    valid.replacingOccurrences(
                        of: "templates:\n",
                        with: "templates:\n  ? " + String(repeating: "a", count: 60_000)
                            + "b\n  : {run: \"true\"}\n"
                    )
                    .replacingOccurrences(of: "use: service-active", with: "use: " + String(repeating: "a", count: 60_000) + "c"),
                    .reject(mentions: "unknown template")),
            ]
        case .change:
            let ids = (0..<30_000).map { "C-\($0)" }.joined(separator: ", ")
            return [
                CorpusEntry(
                    "30,000 accepted baseline failures", .change,
                    valid.replacingOccurrences(of: "[COMMON-001]", with: "[\(ids)]"), .accept),
                CorpusEntry(
                    "30,000 accepted baseline failures, the last twice", .change,
                    valid.replacingOccurrences(of: "[COMMON-001]", with: "[\(ids), C-0]"), .reject(mentions: "listed twice")),
                CorpusEntry(
                    "20,000 watched paths", .change,
                    valid.replacingOccurrences(
                        of: "watch: [/etc]",
                        with: "watch: [" + (0..<20_000).map { "/etc/f\($0)" }.joined(separator: ", ") + "]"),
                    .accept),
            ]
        case .members:
            let members = (0..<3_000).map { "  - {id: m\($0), name: Member \($0), roles: [observer], public_key: keys/bob.pub}" }
            let board = valid.replacingOccurrences(of: "members:\n", with: "members:\n" + members.joined(separator: "\n") + "\n")
            return [
                CorpusEntry("3,000 members", .members, board, .accept),
                CorpusEntry(
                    "3,000 members, the last twice", .members,
                    board.replacingOccurrences(
                        of: "quorum:", with: "  - {id: m0, name: Again, roles: [observer], public_key: keys/bob.pub}\nquorum:"),
                    .reject(mentions: "listed twice")),
                CorpusEntry(
                    "a standard template id twice", .members,
                    valid + "\n  - {id: STD-0001, change_sha256: \(String(repeating: "c", count: 64))}\n",
                    .reject(mentions: "listed twice", line: lineCount + 1)),
            ]
        }
    }

    /// The valid plan with `count` distinct `matches:` patterns for stdout.
    static func regularExpressions(_ count: Int) -> String {
        LoaderWorkspace.text(.plan).replacingOccurrences(
            of: "stdout: {matches: \"^<html>\"}", with: "stdout: [" + (0..<count).map { "{matches: a\($0)}" }.joined(separator: ", ") + "]")
    }

    /// A plan of `count` one-line cases with `defaults`.
    static func manyCases(_ count: Int, defaults: String) -> String {
        """
        plan: MANY
        title: Many cases
        version: "1"
        owner: o
        applications: [a]
        defaults: \(defaults)
        cases:
        \((0..<count).map { "  - {id: MANY-\($0), title: t, functionality: f, run: \"true\"}" }.joined(separator: "\n"))
        """
    }

    /// A plan whose template (2,000 tags) is used by `count` cases.
    static func templateUses(_ count: Int) -> String {
        let tags = (0..<2000).map { "t\($0)" }.joined(separator: ", ")
        let cases = (0..<count).map { "  - {id: BIG-\($0), title: t, functionality: f, use: big}" }.joined(separator: "\n")
        return """
            plan: BIG
            title: Big template
            version: "1"
            owner: o
            applications: [a]
            defaults: {on: web-01}
            templates:
              big: {run: "true", tags: [\(tags)]}
            cases:
            \(cases)
            """
    }

    // MARK: Files that are not regular files, and includes

    static func namedFileEntries() -> [CorpusEntry] {
        let include = LoaderWorkspace.line(of: "include", in: .plan)
        let upload = LoaderWorkspace.line(of: "uploadSource", in: .plan)
        let source = LoaderWorkspace.line(of: "patchSource", in: .change)
        let lab = LoaderWorkspace.line(of: "labFile", in: .change)
        let key = LoaderWorkspace.line(of: "publicKey", in: .members)
        func plan(_ slot: String, _ value: String) -> String { LoaderWorkspace.text(.plan, replacing: [slot: value]) }
        func change(_ slot: String, _ value: String) -> String { LoaderWorkspace.text(.change, replacing: [slot: value]) }
        func members(_ value: String) -> String { LoaderWorkspace.text(.members, replacing: ["publicKey": value]) }
        let sums = LoaderWorkspace.text(.change).replacingOccurrences(of: "  install:", with: "  sha256_file: SUMS.fifo\n  install:")
        return [
            CorpusEntry("include a FIFO", .plan, plan("include", "fifo.yaml"), .reject(mentions: "a FIFO", line: include)),
            CorpusEntry("include a folder", .plan, plan("include", "folder.yaml"), .reject(mentions: "a folder", line: include)),
            CorpusEntry("include /dev/null", .plan, plan("include", "/dev/null"), .reject(mentions: "a character device", line: include)),
            CorpusEntry(
                "include itself through a linked folder", .plan, plan("include", "loop/plan.yaml"),
                .reject(mentions: "include cycle", line: include)),
            CorpusEntry("include a missing file", .plan, plan("include", "nowhere.yaml"), .reject(mentions: "no such file", line: include)),
            CorpusEntry(
                "include a file with a NUL", .plan, plan("include", "nul.yaml"),
                .reject(mentions: "U+0000", line: 3, file: "testplans/nul.yaml")),
            CorpusEntry("include a file over 1 MiB", .plan, plan("include", "big.yaml"), .reject(mentions: "too large", line: include)),
            CorpusEntry(
                "include a chain 20 deep", .plan, plan("include", "chain/c0.yaml"),
                .reject(mentions: "levels of include", file: "testplans/chain/c14.yaml")),
            CorpusEntry("include a chain 14 deep", .plan, plan("include", "chain/c6.yaml"), .accept),
            CorpusEntry(
                "includes of 60,000 values each", .plan, plan("include", "[wide1.yaml, wide2.yaml]"),
                .reject(mentions: "the plan and its includes past 100000", file: "testplans/wide2.yaml")),
            CorpusEntry("an include of 60,000 values", .plan, plan("include", "[wide1.yaml]"), .accept),
            CorpusEntry(
                "include the same file 5,000 times", .plan,
                plan("include", "[" + Array(repeating: "common.yaml", count: 5000).joined(separator: ", ") + "]"), .accept),
            CorpusEntry("upload a FIFO", .plan, plan("uploadSource", "files/fifo.html"), .reject(mentions: "a FIFO", line: upload)),
            CorpusEntry("upload a folder", .plan, plan("uploadSource", "files"), .reject(mentions: "a folder", line: upload)),
            CorpusEntry(
                "upload /dev/zero", .plan, plan("uploadSource", "/dev/zero"), .reject(mentions: "a character device", line: upload)),
            CorpusEntry(
                "patch file is a FIFO", .change, change("patchSource", "files/fifo.deb"), .reject(mentions: "a FIFO", line: source)),
            CorpusEntry(
                "patch file is /dev/null", .change, change("patchSource", "/dev/null"),
                .reject(mentions: "a character device", line: source)),
            CorpusEntry("patch file is a folder", .change, change("patchSource", "files"), .reject(mentions: "a folder", line: source)),
            CorpusEntry("lab file is a folder", .change, change("labFile", "../labs"), .reject(mentions: "a folder", line: lab)),
            CorpusEntry("lab file is a FIFO", .change, change("labFile", "../testplans/fifo.yaml"), .reject(mentions: "a FIFO", line: lab)),
            CorpusEntry(
                "sha256 file is a FIFO", .change, sums,
                .reject(mentions: "a FIFO", line: LoaderWorkspace.line(of: "install", in: .change))),
            CorpusEntry("public key is a FIFO", .members, members("keys/fifo.pub"), .reject(mentions: "a FIFO", line: key)),
            CorpusEntry("public key is a folder", .members, members("keys"), .reject(mentions: "a folder", line: key)),
            CorpusEntry("public key is /dev/null", .members, members("/dev/null"), .reject(mentions: "a character device", line: key)),
        ]
    }
}

private extension Data {
    func withPrefix(_ text: String) -> Data { Data(text.utf8) + self }
}
