import Testing
@testable import PatchLabModel

/// The reader on its own, as another file format (a test plan, a change) would use it.
@Suite struct YAMLReaderTests {
    enum Severity: String, CaseIterable { case low, high }

    /// A tiny format: `id` (string), `enabled` (bool), `severity` (enum), `size`, `tags` (list of strings).
    struct Plan: Equatable {
        var id: Located<String>
        var enabled: Bool
        var severity: Severity
        var sizeMiB: Int
        var tags: [String]
    }

    func readPlan(_ yaml: String) -> (Plan?, YAMLReader) {
        let reader = YAMLReader(yaml: yaml, file: "plan.yaml")
        guard let doc = reader.document(of: "plan", keys: ["id", "enabled", "severity", "size", "tags"]) else {
            return (nil, reader)
        }
        let id = doc.required("id")?.string()
        let enabled = doc.optional("enabled").map { $0.bool()?.value } ?? false
        let severity = doc.required("severity")?.oneOf(Severity.self)
        let size = doc.optional("size").map { $0.mebibytes()?.value } ?? 1
        let tags = doc.optional("tags")?.list()?.compactMap { $0.string()?.value } ?? []
        guard let id, let enabled, let severity, let size else { return (nil, reader) }
        return (Plan(id: id, enabled: enabled, severity: severity.value, sizeMiB: size, tags: tags), reader)
    }

    @Test func readsTypedValuesWithTheirLocations() throws {
        let (plan, reader) = readPlan("id: smoke\nenabled: true\nseverity: high\nsize: 2G\ntags: [a, b]\n")
        #expect(reader.diagnostics.isEmpty)
        try reader.finish()
        let read = try #require(plan)
        #expect(read.id == Located("smoke", at: FileLocation(file: "plan.yaml", line: 1, column: 5)))
        #expect(read.enabled)
        #expect(read.severity == .high)
        #expect(read.sizeMiB == 2048)
        #expect(read.tags == ["a", "b"])
    }

    @Test func reportsEveryProblemAndThrowsThemTogether() {
        let (plan, reader) = readPlan("id: [x]\nenabled: maybe\nseverity: hihg\ntags: [a, {b: c}]\nextra: 1\n")
        #expect(plan == nil)
        #expect(
            reader.diagnostics.sortedStably().map(\.description) == [
                "plan.yaml:1:5: error: expected a string for 'id', found a list",
                "plan.yaml:2:10: error: expected true or false for 'enabled', found 'maybe'",
                "plan.yaml:3:11: error: unknown value 'hihg' for 'severity'; expected one of: low, high; did you mean 'high'?",
                "plan.yaml:4:11: error: expected a string for item 2 of 'tags', found a mapping",
                "plan.yaml:5:1: error: unknown key 'extra' in plan; expected one of: id, enabled, severity, size, tags",
            ])
        #expect(throws: ModelError.self) { try reader.finish() }
    }

    @Test func missingKeysAreReportedAtTheMapping() {
        let (_, reader) = readPlan("\n\n  enabled: false\n")
        #expect(
            reader.diagnostics.map(\.description) == [
                "plan.yaml:3:3: error: missing required key 'id' in plan",
                "plan.yaml:3:3: error: missing required key 'severity' in plan",
            ])
    }

    @Test func nonScalarKeysAreRefused() {
        let (_, reader) = readPlan("? [a, b]\n: 1\nid: x\nseverity: low\n")
        #expect(reader.diagnostics.map(\.description) == ["plan.yaml:1:3: error: expected a plain key in plan, found a list"])
    }

    @Test func anchorsAndAliasesAreResolved() throws {
        let (plan, reader) = readPlan("id: &name smoke\nseverity: low\ntags: [*name]\n")
        try reader.finish()
        #expect(plan?.tags == ["smoke"])
    }

    @Test func openMappingsAllowAnyKeyInFileOrder() throws {
        let reader = YAMLReader(yaml: "b: 1\na: 2\n", file: "m.yaml")
        let mapping = try #require(reader.document(of: "map", keys: ["x"])?.value.mapping(of: "map", keys: nil))
        #expect(mapping.entries.map(\.key.value) == ["b", "a"])
        #expect(mapping.entries.compactMap { $0.value.int()?.value } == [1, 2])
        #expect(mapping.keyLocation("a")?.description == "m.yaml:2:1")
    }

    @Test func intAcceptsOnlyWholeNumbers() {
        let reader = YAMLReader(yaml: "a: 1.5\nb: 0x10\nc: -3\nd: ~\n", file: "i.yaml")
        let doc = reader.document(of: "ints", keys: ["a", "b", "c", "d"])
        #expect(doc?.required("a")?.int() == nil)
        #expect(doc?.required("b")?.int() == nil)
        #expect(doc?.required("c")?.int()?.value == -3)
        #expect(doc?.required("d")?.int() == nil)
        #expect(
            reader.diagnostics.map(\.message) == [
                "expected an integer for 'a', found '1.5'",
                "expected an integer for 'b', found '0x10'",
                "expected an integer for 'd', found ~",
            ])
    }

    @Test(arguments: [
        ("512", 512), ("512M", 512), ("512 MiB", 512), ("512mib", 512), ("512 MB", 512),
        ("1G", 1024), ("1 GiB", 1024), ("1.5 GiB", 1536), ("2Gi", 2048), ("1 TiB", 1_048_576), (" 256 M ", 256),
    ])
    func sizesInTheirUsualSpellings(text: String, mebibytes: Int) {
        #expect(MebibyteSize.parse(text) == mebibytes)
    }

    @Test(arguments: ["", "lots", "512 KiB", "1.2345 MiB", "-1G", ".5G", "5.G", "1 G B", "G", "1e3"])
    func textsThatAreNotWholeMebibyteSizes(text: String) {
        #expect(MebibyteSize.parse(text) == nil)
    }

    @Test func sizesAreShownInTheLargestExactUnit() {
        #expect(MebibyteSize.format(512) == "512 MiB")
        #expect(MebibyteSize.format(16384) == "16 GiB")
        #expect(MebibyteSize.format(1536) == "1536 MiB")
    }

    @Test func didYouMeanNeedsACloseCandidate() {
        #expect("memroy".closest(among: ["name", "memory"]) == "memory")
        #expect("vcpu".closest(among: ["vcpus"]) == "vcpus")
        #expect("colour".closest(among: ["name", "memory"]) == nil)
        #expect("ab".closest(among: ["os"]) == nil)
        #expect("kitten".editDistance(to: "sitting") == 3)
    }
}
