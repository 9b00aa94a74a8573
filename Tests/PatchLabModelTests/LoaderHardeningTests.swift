import Foundation
import Testing
@testable import PatchLabModel

/// One test per kind of hostile input an attacker's testing found the loaders crashing on, hanging
/// on, or silently accepting. Each failed before the loaders were hardened (a crash, a hang caught by
/// the resource guard, or an acceptance) and passes now.
@Suite struct LoaderHardeningTests {
    // MARK: Includes

    @Test func aChainOfAThousandIncludesStopsAtTheDepthLimit() {
        var files = PlanFiles()
        for index in 1..<1000 {
            files.files["p\(index).yaml"] = IncludeTests.plan(
                "P\(index)", include: index < 999 ? "[p\(index + 1).yaml]" : "[]",
                defaults: "{on: x}", cases: IncludeTests.testCase("P\(index)-1"))
        }
        let chain = files
        let top = IncludeTests.plan("P", include: "[p1.yaml]", defaults: "{on: x}", cases: IncludeTests.testCase("P-1"))
        let load = GuardedLoad.run { _ = try parsePlan(top, file: "p0.yaml", files: chain) }
        load.expectRefused(mentioning: ["levels of include"], "a chain of 1,000 includes")
        #expect(load.diagnostics?.first { $0.message.contains("levels of include") }?.location.file == "p15.yaml")
    }

    @Test func anIncludeLoopThroughALinkedFolderIsACycle() throws {
        let workspace = try LoaderWorkspace()
        try FileManager.default.createSymbolicLink(atPath: workspace.path("testplans/loop"), withDestinationPath: ".")
        try workspace.write(LoaderWorkspace.text(.plan, replacing: ["include": "loop/plan.yaml"]), to: "testplans/plan.yaml")
        let path = workspace.inputPath(.plan)
        let load = GuardedLoad.run { _ = try TestPlan.load(contentsOf: path) }
        load.expectRefused(
            mentioning: ["include cycle: \(path) → \(workspace.path("testplans/loop/plan.yaml"))"],
            "a plan including itself through a linked folder")
    }

    // MARK: Aliases

    @Test func aliasBombsAreRefusedBeforeTheyExpand() {
        // As a value that a reader walks in full (a JSON expectation)…
        let inValue = planWithCases(oneCase("    expect: {json: {path: $.a, equals: \(HostileText.flowLaughs())}}"))
        GuardedLoad.run { _ = try parsePlan(inValue) }
            .expectRefused(mentioning: ["too many values"], "a billion laughs as a JSON expectation")
        // …and as a mapping key, which Yams hashes in full to look for duplicates.
        let asKey = oneMachineLab() + "\nbombs:\n" + HostileText.laughs() + "\nkeys:\n  ? *a9\n  : 1\n"
        GuardedLoad.run { _ = try Lab.parse(yaml: asKey, file: testFile) }
            .expectRefused(mentioning: ["too many values"], "a billion laughs as a mapping key")
        // …and one long text repeated by many aliases, which every check then reads again.
        let longText = planWithCases(
            oneCase(),
            top: "tags: [&t \(String(repeating: "a", count: 60_000)), "
                + Array(repeating: "*t", count: 2_000).joined(separator: ", ") + "]")
        GuardedLoad.run { _ = try parsePlan(longText) }
            .expectRefused(mentioning: ["too much text: alias '*t' repeats 60000 bytes"], "a 60,000-byte tag 2,000 times")
        // A small alias as a key is refused too: keys are plain text.
        let smallKey = oneMachineLab() + "\nsmall:\n" + HostileText.laughs(levels: 2) + "\nkeys: {[*a1]: 1}\n"
        GuardedLoad.run { _ = try Lab.parse(yaml: smallKey, file: testFile) }
            .expectRefused(mentioning: ["alias '*a1' used as a mapping key"], "an alias inside a key")
    }

    // MARK: Costs that grew with the input squared

    @Test func didYouMeanStaysCheapForTwoVeryLongNames() {
        let name = String(repeating: "a", count: 60_000)
        let plan = planWithCases(
            """
              - id: T-001
                title: t
                functionality: f
                use: \(name)c
            """, top: "templates:\n  ? \(name)b\n  : {run: \"true\"}")
        let load = GuardedLoad.run { _ = try parsePlan(plan) }
        load.expectRefused(mentioning: ["unknown template '\(name)c'", "did you mean '\(name)b'?"], "two 60,000-character names")
    }

    @Test func duplicateChecksStayLinearInTheLengthOfAList() {
        let tags = (0..<40_000).map { "t\($0)" }.joined(separator: ", ")
        let applications = (0..<20_000).map { "app-\($0)" }.joined(separator: ", ")
        let plan = planWithCases(oneCase(), top: "tags: [\(tags), t0]")
            .replacingOccurrences(of: "applications: [app]", with: "applications: [\(applications)]")
        let planLoad = GuardedLoad.run { _ = try parsePlan(plan) }
        ResourceGuard.expectWithinLimits(planLoad.measurement, "40,000 tags and 20,000 applications")
        #expect(planLoad.accepted, "\(planLoad.errorText)")

        let networks = (0..<6_000).map { "  n\($0): {address: 10.0.\($0 * 8 / 256).\($0 * 8 % 256 + 1)/29}" }
        let names = (0..<6_000).map { "n\($0)" }.joined(separator: ", ")
        let lab = oneMachineLab("    networks: [\(names)]", top: "networks:\n" + networks.joined(separator: "\n"))
        let labLoad = GuardedLoad.run { _ = try Lab.parse(yaml: lab, file: testFile) }
        ResourceGuard.expectWithinLimits(labLoad.measurement, "6,000 networks, one machine on all")
        #expect(labLoad.accepted, "\(labLoad.errorText)")

        let ids = (0..<30_000).map { "C-\($0)" }.joined(separator: ", ")
        let change = changeText(top: "accept_baseline_failures: [\(ids), C-7]")
        let changeLoad = GuardedLoad.run { _ = try parseChange(change) }
        changeLoad.expectRefused(mentioning: ["case 'C-7' listed twice"], "30,000 accepted failures, one twice")
    }

    // MARK: Keys

    @Test func duplicateKeysDisguisedByQuotesOrTagsAreRefused() {
        for disguise in ["\"on\"", "'on'", "!!str on", "!!str \"on\""] {
            let plan = planWithCases(oneCase("    on: web-01\n    \(disguise): db-01"))
            let diagnostics = planDiagnostics(plan)
            #expect(
                diagnostics.contains { $0.message.contains("duplicate key 'on'") && $0.location.line == 13 },
                "\(disguise): \(diagnostics)")
        }
        let lab = oneMachineLab(top: "\"lab\": other")
        #expect(labDiagnostics(lab).contains { $0.message.contains("duplicate key 'lab'") && $0.location.line == 1 })
    }

    // MARK: Characters

    @Test func controlCharactersAreRefusedInEveryKindOfValue() throws {
        let workspace = try LoaderWorkspace()
        let cases: [(kind: LoaderKind, slot: String, value: String, name: String)] = [
            (.lab, "machineName", "\"web-01\\0\"", "U+0000"),
            (.lab, "imagePath", "\"images/db\\0.qcow2\"", "U+0000"),
            (.lab, "kernel", "\"/boot/vmlinuz\\0 evil\"", "U+0000"),
            (.lab, "cmdline", "\"root=/dev/vda\\0init=/bin/sh\"", "U+0000"),
            (.lab, "hostURI", "\"qemu:///system\\0\"", "U+0000"),
            (.lab, "mirrors", "\"prod-web-01\\e[2J\"", "U+001B"),
            (.plan, "check", "\"curl\\0 -sS\"", "U+0000"),
            (.plan, "setupCommand", "[systemctl, \"restart\\x07\", nginx]", "U+0007"),
            (.plan, "planTitle", "\"Web tier \\u202Eexif.sh\"", "U+202E"),
            (.plan, "uploadSource", "\"files/index.html\\0\"", "U+0000"),
            (.change, "install", "\"dpkg -i\\0 /var/tmp/a.deb\"", "U+0000"),
            (.change, "patchSource", "\"files/a.deb\\0\"", "U+0000"),
            (.change, "changeTitle", "\"nginx\\r update\"", "U+000D"),
            (.members, "memberName", "\"Alice\\e]0;pwned\\x07\"", "U+001B"),
            (.members, "publicKey", "\"keys/alice.pub\\N\"", "U+0085"),
        ]
        for (kind, slot, value, name) in cases {
            try expectRefused(kind, slot, value, mentioning: "control character \(name)", in: workspace)
        }
    }

    @Test func idsWithATrailingLineBreakAreRefused() throws {
        let workspace = try LoaderWorkspace()
        for (slot, value) in [
            ("memberID", "\"alice\\n\""), ("memberID", "|\n      alice"),
            ("secret", HostileText.quoted(CorpusSlot.secret, escapes: "\\n")),
        ] {
            try workspace.write(LoaderWorkspace.text(.members, replacing: [slot: value]), to: "board/members.yaml")
            let path = workspace.inputPath(.members)
            GuardedLoad.run { _ = try BoardConfiguration.load(contentsOf: path) }
                .expectRefused(mentioning: ["invalid value"], "\(slot) = \(value)")
        }
    }

    // MARK: Files that are not regular files

    @Test func specialFilesAreRefusedWithoutBlockingOrBlamingPermissions() throws {
        let workspace = try LoaderWorkspace()
        try workspace.prepareSpecialFiles()
        let fifo = workspace.path("testplans/fifo.yaml")
        GuardedLoad.run { _ = try Lab.load(contentsOf: fifo) }.expectRefused(mentioning: ["it is a FIFO"], "a lab file that is a FIFO")

        let folder = workspace.path("testplans/folder.yaml")
        let folderLoad = GuardedLoad.run { _ = try TestPlan.load(contentsOf: folder) }
        folderLoad.expectRefused(mentioning: ["it is a folder"], "a plan file that is a folder")
        #expect(!folderLoad.errorText.contains("permission"), "\(folderLoad.errorText)")

        let named: [(kind: LoaderKind, slot: String, value: String, found: String)] = [
            (.plan, "include", "fifo.yaml", "a FIFO"),
            (.plan, "uploadSource", "files", "a folder"),
            (.change, "patchSource", "/dev/null", "a character device"),
            (.change, "patchSource", "files/fifo.deb", "a FIFO"),
            (.members, "publicKey", "keys/fifo.pub", "a FIFO"),
            (.members, "publicKey", "keys", "a folder"),
        ]
        for (kind, slot, value, found) in named {
            try expectRefused(kind, slot, value, mentioning: found, in: workspace)
        }
    }

    // MARK: Line ends

    @Test func crlfFilesReportTheRightLine() {
        let lab = HostileText.crlf(HostileText.appending("  # \u{0}", toLine: 3, of: oneMachineLab()))
        let diagnostics = labDiagnostics(lab)
        #expect(diagnostics.map(\.location.line) == [3], "\(diagnostics)")
        #expect(diagnostics.first?.message.contains("U+0000") == true, "\(diagnostics)")
        // A mistake libyaml finds itself is on its line too.
        let unknown = HostileText.crlf(oneMachineLab(top: "bogus: 1"))
        #expect(labDiagnostics(unknown).map(\.location.line) == [10])
    }

    // MARK: Regular expressions

    @Test func aHugeRegexIsRefusedCheaply() {
        let megabyte = planWithCases(oneCase("    expect: {stdout: {matches: \(String(repeating: "a", count: 1 << 20))}}"))
        GuardedLoad.run { _ = try parsePlan(megabyte) }.expectRefused(mentioning: ["too long"], "a 1 MiB regular expression")
        let long = planWithCases(oneCase("    expect: {stdout: {matches: \(String(repeating: "a", count: 5000))}}"))
        let load = GuardedLoad.run { _ = try parsePlan(long) }
        load.expectRefused(mentioning: ["invalid regular expression", "5000 characters", "at most 4096"], "a 5,000-character regex")
        #expect(load.diagnostics?.first?.location.line == 13)
    }

    /// Loads the valid file of `kind` with `slot` set to `value` (YAML) and expects a refusal that
    /// mentions `fragment`, with an error on the slot's line.
    private func expectRefused(
        _ kind: LoaderKind, _ slot: String, _ value: String, mentioning fragment: String,
        in workspace: LoaderWorkspace, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        try workspace.write(LoaderWorkspace.text(kind, replacing: [slot: value]), to: LoaderWorkspace.inputFile(kind))
        let path = workspace.inputPath(kind)
        let load = GuardedLoad.run { try LoaderWorkspace.load(kind, path) }
        load.expectRefused(mentioning: [fragment], "\(kind) \(slot) = \(value)", sourceLocation: sourceLocation)
        #expect(
            load.diagnostics?.contains { $0.location.line == LoaderWorkspace.line(of: slot, in: kind) } == true,
            "\(slot): \(load.errorText)", sourceLocation: sourceLocation)
    }
}
