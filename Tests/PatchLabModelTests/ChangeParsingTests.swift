import Foundation
import Testing
@testable import PatchLabModel

/// What a valid change file gives: every value, resolved to absolute paths, with its place kept.
@Suite struct ChangeParsingTests {
    static let fullExample = """
        change: CHG-0042
        title: Full example
        type: standard
        reason: "Keep: as written"
        risk: medium
        requested_by: alice@example.com
        lab: ../labs/demo.yaml
        plans: [../testplans/web.yaml, ../testplans/smoke.yaml]
        accept_baseline_failures: [WEB-007]
        patch:
          description: Two files
          files:
            - source: files/a.deb
            - source: ./files/b.deb
              sha256: \(digestB.uppercased())
              destination: /opt/drop/
          sha256_file: files/SHA256SUMS
          install: [dpkg, -i, /var/tmp/patchlab/CHG-0042/a.deb]
          timeout: 90s
        deployment:
          order: all-at-once
          machines: [web-02, "role:web"]
        rollback:
          strategy: snapshot
          verify_plans: ../testplans/smoke.yaml
        fingerprint:
          packages: false
          watch: [/etc, /opt/app/]
          ignore: [/etc/ssl/, /etc/./hostname]
        """

    static var fullFiles: ChangeFiles {
        var files = ChangeFiles()
        files.contents["/x/changes/files/SHA256SUMS"] = "\(digestA)  a.deb\n\n\(digestB) *b.deb\n"
        return files
    }

    @Test func readsEveryKey() throws {
        let change = try parseChange(Self.fullExample, files: Self.fullFiles)
        #expect(change.id == "CHG-0042")
        #expect(change.title == "Full example")
        #expect(change.type == .standard)
        #expect(change.reason == "Keep: as written")
        #expect(change.risk == .medium)
        #expect(change.requestedBy == "alice@example.com")
        #expect(change.file == changeFile)
        #expect(change.location == at(1, 1, file: changeFile))
        #expect(change.lab == Located("/x/labs/demo.yaml", at: at(7, 6, file: changeFile)))
        #expect(
            change.plans == [
                Located("/x/testplans/web.yaml", at: at(8, 9, file: changeFile)),
                Located("/x/testplans/smoke.yaml", at: at(8, 32, file: changeFile)),
            ])
        #expect(change.acceptBaselineFailures.map(\.value) == ["WEB-007"])
        #expect(change.acceptsBaselineFailure(of: "WEB-007"))
        #expect(!change.acceptsBaselineFailure(of: "WEB-001"))
    }

    @Test func readsThePatch() throws {
        let patch = try parseChange(Self.fullExample, files: Self.fullFiles).patch
        #expect(patch.description == "Two files")
        #expect(
            patch.files == [
                // Digest from the sha256_file, default destination under the change's own folder.
                PatchFile(
                    source: "/x/changes/files/a.deb", sha256: digestA, destination: "/var/tmp/patchlab/CHG-0042/a.deb",
                    location: at(13, 15, file: changeFile),
                    digestLocation: at(1, 1, file: "/x/changes/files/SHA256SUMS")),
                // Digest inline (lower-cased), agreeing with the file's; a destination ending in / is a folder.
                PatchFile(
                    source: "/x/changes/files/b.deb", sha256: digestB, destination: "/opt/drop/b.deb",
                    location: at(14, 15, file: changeFile), digestLocation: at(15, 15, file: changeFile)),
            ])
        #expect(patch.sha256File == Located("/x/changes/files/SHA256SUMS", at: at(17, 16, file: changeFile)))
        #expect(patch.install == .argv(["dpkg", "-i", "/var/tmp/patchlab/CHG-0042/a.deb"], location: at(18, 12, file: changeFile)))
        #expect(patch.timeout == .seconds(90))
        #expect(patch.location == at(11, 3, file: changeFile))
    }

    @Test func readsDeploymentRollbackAndFingerprint() throws {
        let change = try parseChange(Self.fullExample, files: Self.fullFiles)
        #expect(change.deployment.order == .allAtOnce)
        #expect(change.deployment.machines?.map(\.value) == [.machine("web-02"), .role("web")])
        #expect(change.deployment.machines?.map(\.location) == [at(22, 14, file: changeFile), at(22, 22, file: changeFile)])
        #expect(change.rollback.strategy == .snapshot)
        #expect(change.rollback.verifyPlans == [Located("/x/testplans/smoke.yaml", at: at(25, 17, file: changeFile))])
        let fingerprint = change.fingerprint
        #expect(!fingerprint.packages && fingerprint.services && fingerprint.ports)
        #expect(fingerprint.watch == ["/etc", "/opt/app"])
        // The trailing "/" of a folder prefix is kept; other paths are normalized.
        #expect(fingerprint.ignore == ["/etc/ssl/", "/etc/hostname"])
    }

    @Test func defaultsWhatIsLeftOut() throws {
        let change = try parseChange(changeText())
        #expect(change.requestedBy == nil)
        #expect(change.acceptBaselineFailures.isEmpty)
        #expect(change.patch.timeout == PatchSpec.defaultTimeout)
        #expect(change.patch.sha256File == nil)
        #expect(change.patch.install == .shell("dpkg -i /var/tmp/patchlab/CHG-0001/a.deb", location: at(13, 12, file: changeFile)))
        #expect(change.patch.files.map(\.destination) == ["/var/tmp/patchlab/CHG-0001/a.deb"])
        #expect(change.deployment.order == .phased)
        #expect(change.deployment.machines == nil)
        #expect(change.rollback.strategy == .snapshot)
        #expect(change.rollback.verifyPlans.isEmpty)
        #expect(change.fingerprint.packages && change.fingerprint.services && change.fingerprint.ports)
        #expect(change.fingerprint.watch == ["/etc"])
        #expect(change.fingerprint.ignore == ["/etc/hostname", "/etc/machine-id", "/etc/ld.so.cache"])
    }

    @Test func aPatchMayBeOnlyACommandAndSectionsMayBeEmpty() throws {
        let change = try parseChange(
            """
            change: OPS-7
            title: Restart
            type: standard
            reason: Routine
            risk: low
            lab: /x/labs/demo.yaml
            plans: ../testplans/web.yaml
            patch:
              description: Restart nginx
              install: systemctl restart nginx
            deployment:
            rollback:
            fingerprint: {watch: [], ignore: []}
            """)
        #expect(change.patch.files.isEmpty)
        #expect(change.lab.value == "/x/labs/demo.yaml")
        #expect(change.plans.map(\.value) == ["/x/testplans/web.yaml"])
        #expect(change.deployment.order == .phased)
        #expect(change.fingerprint.watch.isEmpty && change.fingerprint.ignore.isEmpty)
    }

    @Test func roundTripsThroughJSON() throws {
        let change = try parseChange(Self.fullExample, files: Self.fullFiles)
        let data = try JSONEncoder().encode(change)
        #expect(try JSONDecoder().decode(Change.self, from: data) == change)
    }

    @Test func relativeChangeFilePathsResolveFromTheCurrentFolder() throws {
        let cwd = FileManager.default.currentDirectoryPath
        let lab = PlanPaths.normalize(cwd + "/labs/demo.yaml")
        var files = ChangeFiles()
        files.existing = [lab, PlanPaths.normalize(cwd + "/testplans/web.yaml"), PlanPaths.normalize(cwd + "/changes/files/a.deb")]
        let change = try Change.parse(yaml: changeText(), file: "changes/t.yaml", fileExists: files.exists, readFile: files.read)
        #expect(change.lab.value == lab)
        // Locations keep the path as the user gave it.
        #expect(change.lab.location.description == "changes/t.yaml:6:6")
    }

    @Test func readsSha256sumEscapedAndBinaryLines() {
        var diagnostics: [Diagnostic] = []
        let text = "\(digestA)  plain name.deb\n\\\(digestB) *we\\\\ird\\nname.deb\r\n"
        let sums = SHA256Sums.parse(text, shownFile: "S", folder: "/f") { diagnostics.append($0) }
        #expect(diagnostics.isEmpty)
        #expect(sums.entries["/f/plain name.deb"]?.sha256 == digestA)
        #expect(sums.entries["/f/we\\ird\nname.deb"]?.sha256 == digestB)
        #expect(sums.entries["/f/we\\ird\nname.deb"]?.location == FileLocation(file: "S", line: 2, column: 1))
    }

    @Test func ignoreRuleMatchesFilesAndFolders() {
        let spec = FingerprintSpec(ignore: ["/etc/ssl/", "/etc/hostname"])
        #expect(spec.ignores("/etc/ssl"))
        #expect(spec.ignores("/etc/ssl/private/key.pem"))
        #expect(!spec.ignores("/etc/sslx/a"))
        #expect(spec.ignores("/etc/hostname"))
        #expect(spec.ignores("/etc/hostname/inside"))
        #expect(!spec.ignores("/etc/hostname.bak"))
    }
}
