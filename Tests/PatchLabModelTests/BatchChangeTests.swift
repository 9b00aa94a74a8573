import Foundation
import Testing
@testable import PatchLabModel

/// `patches:`: a batch of patches in one change, each with an id, files, install and priority;
/// `patch:` stays a batch of one. Every rule reported at its file:line:column.
@Suite struct BatchChangeTests {
    /// A change with `patches` (lines 8 on): two patches, a.deb and b.deb.
    static func batchText(
        first: String = "a", second: String = "b", secondSource: String = "files/b.deb",
        secondExtra: String = "", top: String = ""
    ) -> String {
        """
        change: CHG-0003
        title: Batch
        type: normal
        reason: Testing
        risk: low
        lab: ../labs/demo.yaml
        plans: [../testplans/web.yaml]
        patches:
          - id: \(first)
            description: first
            priority: high
            files:
              - source: files/a.deb
                sha256: \(digestA)
            install: "dpkg -i /var/tmp/patchlab/CHG-0003/a/*.deb"
          - id: \(second)
            description: second
            files:
              - source: \(secondSource)
                sha256: \(digestB)
            install: [dpkg, -i, /var/tmp/patchlab/CHG-0003/b/b.deb]
            timeout: 2m
        \(secondExtra)
        \(top)
        """
    }

    @Test func aBatchReadsEveryPatchInFileOrder() throws {
        let change = try parseChange(Self.batchText())
        #expect(change.isBatch)
        #expect(change.patches.map(\.id) == ["a", "b"])
        #expect(change.patches.map(\.priority) == [.high, .medium], "priority defaults to medium")
        #expect(change.patches[0].files[0].destination == "/var/tmp/patchlab/CHG-0003/a/a.deb", "each patch uploads to a folder of its own")
        #expect(change.patches[1].timeout == .seconds(120))
        #expect(change.patches[1].install.commandLine == ["dpkg", "-i", "/var/tmp/patchlab/CHG-0003/b/b.deb"])
        // The combined view, for readers of the change's patch as a whole.
        #expect(change.patch.files.map(\.fileName) == ["a.deb", "b.deb"])
        #expect(change.patch.timeout == .seconds(720))
        #expect(change.patch.priority == .high)
    }

    @Test func aSinglePatchIsABatchOfOneNamedAfterTheChange() throws {
        let change = try parseChange(changeText(patchExtra: "  priority: critical"))
        #expect(!change.isBatch)
        #expect(change.patches.map(\.id) == ["CHG-0001"])
        #expect(change.patch.priority == .critical)
        #expect(change.patch.files[0].destination == "/var/tmp/patchlab/CHG-0001/a.deb", "as before batches")
    }

    @Test func eitherPatchOrPatchesNeverBothNorNeither() {
        let neither = changeText().components(separatedBy: "\n").prefix(7).joined(separator: "\n")
        expectChangeError(neither, at: "1:1", mentions: ["missing key 'patch' or 'patches' in change", "a batch"])
        let both = Self.batchText(top: "patch: {description: x, install: x}")
        expectChangeError(both, at: "8:1", mentions: ["'patch' and 'patches' are both given", "expected one of them"])
    }

    @Test func patchIdsAreRequiredWellFormedAndUnique() {
        expectChangeError(Self.batchText(second: "a"), at: "16:9", mentions: ["patch id 'a' used twice (first at line 9)"])
        expectChangeError(Self.batchText(first: "../x"), at: "9:9", mentions: ["invalid value '../x' for 'id'", "such as libssh2"])
        expectChangeError(Self.batchText(first: ".hidden"), at: "9:9", mentions: ["invalid value '.hidden' for 'id'"])
        let noID = Self.batchText().replacingOccurrences(of: "  - id: b\n    description: second", with: "  - description: second")
        expectChangeError(noID, at: "16:5", mentions: ["missing required key 'id' in patch of the batch"])
        #expect(PatchSpec.isValidID("g++-12") && PatchSpec.isValidID("xz-utils") && PatchSpec.isValidID("libssh2"))
        #expect(!PatchSpec.isValidID("a/b") && !PatchSpec.isValidID("") && !PatchSpec.isValidID(String(repeating: "a", count: 65)))
    }

    @Test func badBatchShapesAndValues() {
        expectChangeError(
            Self.batchText().replacingOccurrences(of: "priority: high", with: "priority: urgent"), at: "11:15",
            mentions: ["'urgent'", "critical, high, medium, low"])
        expectChangeError(
            Self.batchText(secondExtra: "    idd: x"), at: "23:5",
            mentions: ["unknown key 'idd' in patch of the batch", "did you mean 'id'?"])
        let empty = changeText().components(separatedBy: "\n").prefix(7).joined(separator: "\n") + "\npatches: []"
        expectChangeError(empty, at: "8:10", mentions: ["expected at least one patch in 'patches', found an empty list"])
        let mapping = changeText().components(separatedBy: "\n").prefix(7).joined(separator: "\n") + "\npatches: {a: b}"
        expectChangeError(mapping, at: "8:10", mentions: ["expected a list for 'patches', found a mapping"])
    }

    @Test func twoPatchesMayNotShareAFileOrAnUploadPlace() {
        expectChangeError(
            Self.batchText(secondSource: "files/a.deb").replacingOccurrences(of: "sha256: \(digestB)", with: "sha256: \(digestA)"),
            at: "19:17", mentions: ["is in patches 'a' and 'b'", "each file in one patch"])
        let samePlace = Self.batchText(secondExtra: "").replacingOccurrences(
            of: "        sha256: \(digestB)", with: "        sha256: \(digestB)\n        destination: /var/tmp/patchlab/CHG-0003/a/a.deb")
        expectChangeError(samePlace, at: "19:17", mentions: ["patches 'a' and 'b' both upload to '/var/tmp/patchlab/CHG-0003/a/a.deb'"])
    }

    @Test func aBatchRoundTripsThroughJSONAndOldRecordsStillRead() throws {
        let change = try parseChange(Self.batchText())
        let decoded = try JSONDecoder().decode(Change.self, from: JSONEncoder().encode(change))
        #expect(decoded == change)
        // A record written before batches: a `patch` without id or priority.
        var single = try parseChange(changeText())
        var json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(single)) as! [String: Any]
        var patch = json["patch"] as! [String: Any]
        patch.removeValue(forKey: "id")
        patch.removeValue(forKey: "priority")
        json["patch"] = patch
        let old = try JSONDecoder().decode(Change.self, from: JSONSerialization.data(withJSONObject: json))
        #expect(old.patches.map(\.id) == ["CHG-0001"])
        #expect(old.patch.priority == .medium)
        single.patches[0].priority = .medium
        #expect(old == single)
    }

    /// `change new` writes changes with ChangeDocument; reading one back gives the same change.
    @Test func aWrittenChangeReadsBackAsTheSameChange() throws {
        let change = try parseChange(
            Self.batchText(
                top: "requested_by: \"ops: \\\"night\\\" shift\"\ndeployment: {order: all-at-once, machines: [web-01, \"role:web\"]}"))
        let text = ChangeDocument.yaml(for: change, in: "/x/changes", comment: ["Made by a test", ""])
        #expect(text.hasPrefix("# Made by a test\n#\nchange: CHG-0003\n"))
        var read = try Change.parse(yaml: text, file: changeFile, fileExists: ChangeFiles().exists, readFile: ChangeFiles().read)
        #expect(read.patches.map(\.id) == change.patches.map(\.id))
        #expect(read.patches.flatMap(\.files).map(\.destination) == change.patches.flatMap(\.files).map(\.destination))
        #expect(read.patches.flatMap(\.files).map(\.sha256) == change.patches.flatMap(\.files).map(\.sha256))
        #expect(read.requestedBy == "ops: \"night\" shift")
        #expect(read.deployment.machines?.map(\.value) == [.machine("web-01"), .role("web")])
        #expect(read.deployment.order == .allAtOnce)
        // Locations differ (the text differs); everything else is the same change.
        read.location = change.location
        #expect(read.lab.value == change.lab.value && read.plans.map(\.value) == change.plans.map(\.value))
        #expect(read.patches.map(\.install.commandLine) == change.patches.map(\.install.commandLine))
        #expect(read.patches.map(\.priority) == change.patches.map(\.priority))
        #expect(read.patches.map(\.timeout) == change.patches.map(\.timeout))
        #expect(PlanPaths.relative("/x/labs/demo.yaml", from: "/x/changes") == "../labs/demo.yaml")
        #expect(PlanPaths.relative("/x/changes/files/a.deb", from: "/x/changes") == "files/a.deb")
    }
}
