import Foundation
import Testing
@testable import PatchLabModel

/// The changes in `changes/` must stay valid, fit the demo lab and its plans, and be what the
/// rehearsal issue asks for: one real Debian update that passes, one broken hotfix that must not.
@Suite struct ShippedChangeTests {
    let folder = repositoryRoot + "/changes"
    var demoLab: Lab { get throws { try Lab.load(contentsOf: repositoryRoot + "/labs/demo.yaml") } }

    static let nginxDebs = [
        "nginx-common_1.22.1-9+deb12u11_all.deb", "nginx_1.22.1-9+deb12u11_amd64.deb",
        "nginx-light_1.22.1-9+deb12u11_all.deb",
    ]

    /// CHG-0001 with its downloaded files faked when `fetch.sh` has not run here: the test is about
    /// the change file, not the download.
    func loadUpdate() throws -> Change {
        let path = "\(folder)/CHG-0001-nginx-security-update.yaml"
        let debs = Self.nginxDebs.map { "\(folder)/CHG-0001/\($0)" }
        let sumsPath = "\(folder)/CHG-0001/SHA256SUMS"
        let fakeSums = Self.nginxDebs.map { "\(digestA)  \($0)" }.joined(separator: "\n")
        return try Change.parse(
            yaml: try String(contentsOfFile: path, encoding: .utf8), file: path,
            fileExists: { debs.contains($0) || $0 == sumsPath || Change.regularFileExists($0) },
            readFile: { path in
                if path == sumsPath, !FileManager.default.fileExists(atPath: path) { return fakeSums }
                return try String(contentsOfFile: path, encoding: .utf8)
            })
    }

    @Test func securityUpdateIsANormalChangeOfTheDemoLab() throws {
        let change = try loadUpdate()
        #expect(change.id == "CHG-0001")
        #expect(change.type == .normal)
        #expect(change.lab.value == repositoryRoot + "/labs/demo.yaml")
        #expect(change.plans.map(\.value) == [repositoryRoot + "/testplans/web.yaml", repositoryRoot + "/testplans/smoke.yaml"])
        #expect(change.check(against: try demoLab).isEmpty)
        #expect(change.deploymentOrder(in: try demoLab).map(\.name) == ["web-01", "web-02"])
        #expect(change.deployment.order == .phased)
        #expect(change.rollback.strategy == .snapshot)
        #expect(change.fingerprint == FingerprintSpec(location: change.fingerprint.location))
        let plans = try change.plans.map { try TestPlan.load(contentsOf: $0.value) }
        #expect(change.check(against: plans).isEmpty)
    }

    @Test func securityUpdateInstallsTheThreePackagesFromTheSha256File() throws {
        let change = try loadUpdate()
        #expect(change.patch.sha256File?.value == "\(folder)/CHG-0001/SHA256SUMS")
        #expect(change.patch.files.map(\.fileName) == Self.nginxDebs)
        #expect(change.patch.files.allSatisfy { $0.destination == "/var/tmp/patchlab/CHG-0001/\($0.fileName)" })
        #expect(change.patch.files.allSatisfy { $0.digestLocation.file == "\(folder)/CHG-0001/SHA256SUMS" })
        #expect(change.patch.install.description == "dpkg -i /var/tmp/patchlab/CHG-0001/*.deb && systemctl restart nginx")
        #expect(change.patch.timeout == .seconds(600))
    }

    @Test func fetchScriptDownloadsExactlyThoseFilesAndGitIgnoresThem() throws {
        let script = try String(contentsOfFile: "\(folder)/CHG-0001/fetch.sh", encoding: .utf8)
        for package in ["nginx-common", "nginx", "nginx-light"] {
            #expect(script.contains("\"\(package)=$version\""), "\(package)")
        }
        #expect(script.contains("version=1.22.1-9+deb12u11"))
        #expect(script.contains("> SHA256SUMS"))
        #expect(try runProcess(["/bin/sh", "-n", "\(folder)/CHG-0001/fetch.sh"]).status == 0)
        #expect(FileManager.default.isExecutableFile(atPath: "\(folder)/CHG-0001/fetch.sh"))
        let ignore = try String(contentsOfFile: "\(folder)/.gitignore", encoding: .utf8)
        #expect(ignore.split(separator: "\n").contains("*/*.deb"))
        #expect(ignore.split(separator: "\n").contains("*/SHA256SUMS"))
    }

    /// When fetch.sh has run, the real SHA256SUMS must list the files the change names.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: repositoryRoot + "/changes/CHG-0001/SHA256SUMS")))
    func securityUpdateLoadsWithTheDownloadedFiles() throws {
        let change = try Change.load(contentsOf: "\(folder)/CHG-0001-nginx-security-update.yaml")
        #expect(change.patch.files.count == 3)
        #expect(change.patch.files.map(\.sha256).allSatisfy { $0.count == 64 })
    }

    @Test func brokenHotfixIsAnEmergencyThatUploadsABrokenSnippet() throws {
        let change = try Change.load(contentsOf: "\(folder)/CHG-0002-nginx-broken-config.yaml")
        #expect(change.id == "CHG-0002")
        #expect(change.type == .emergency)
        #expect(change.risk == .high)
        #expect(change.reason.contains("Simulates a bad hotfix"))
        #expect(change.check(against: try demoLab).isEmpty)
        let file = try #require(change.patch.files.first)
        #expect(change.patch.files.count == 1)
        #expect(file.source == "\(folder)/CHG-0002/broken.conf")
        #expect(file.destination == "/etc/nginx/conf.d/broken.conf")
        #expect(change.patch.install == .shell("systemctl restart nginx || true", location: change.patch.install.location))
        // The digest written in the change is the committed file's.
        let actual = try runProcess(["/usr/bin/sha256sum", file.source]).stdout.prefix(64)
        #expect(file.sha256 == String(actual))
    }

    @Test func brokenSnippetReallyIsBroken() throws {
        // nginx reads up to ';': a directive missing it swallows the next one as extra arguments.
        let text = try String(contentsOfFile: "\(folder)/CHG-0002/broken.conf", encoding: .utf8)
        let directives = text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.trimmingSpaces().isEmpty }
        #expect(directives.first?.hasSuffix(";") == false)
        #expect(directives.count >= 2)
    }
}
