import Foundation
import Testing
@testable import PatchLabModel

/// A production record is read from a file anyone could have written: every fact is checked, and
/// every problem named with the file.
@Suite struct ProductionRecordTests {
    static func record(name: String = "prod-web-01", fingerprint: Fingerprint? = nil) -> ProductionRecord {
        ProductionRecord(
            name: name, host: "root@prod-web-01.example.com", capturedAt: Date(timeIntervalSince1970: 1_800_000_000.25),
            capturedBy: "root", capturedOn: "harness", method: .ssh,
            hostKey: "ssh-ed25519 SHA256:2EkzL5Rpd1zy31Tc2V4Z0iniz4qAQkjkm6CLluUR81Y", probeSHA256: digestA,
            spec: FingerprintSpec(origins: true),
            fingerprint: fingerprint
                ?? Fingerprint(
                    machine: name, takenAt: Date(timeIntervalSince1970: 1_800_000_000.5), packages: ["nginx": "1.22.1-9+deb12u3"],
                    ports: ["tcp/80"], files: ["/etc/nginx/nginx.conf": digestB],
                    packageOrigins: ["nginx": PackageOrigin(archive: "bookworm/main", site: "http://deb.debian.org/debian")]))
    }

    func problems(_ data: Data, expectedName: String? = "prod-web-01") -> [String] {
        do {
            _ = try ProductionRecord.decode(data, file: "production/prod-web-01.json", expectedName: expectedName)
            Issue.record("accepted")
            return []
        } catch let error as ProductionRecordError {
            #expect(error.file == "production/prod-web-01.json")
            return error.problems
        } catch {
            Issue.record("unexpected \(error)")
            return []
        }
    }

    @Test func aRecordReadsBackEqual() throws {
        let record = Self.record()
        let decoded = try ProductionRecord.decode(try record.encoded(), file: "f", expectedName: "prod-web-01")
        #expect(decoded == record)
        #expect(decoded.fingerprint.packageOrigins["nginx"]?.suite == "bookworm")
    }

    @Test func aRecordOfAnotherNameOrFormatIsRefused() throws {
        #expect(
            problems(try Self.record(name: "prod-db-01").encoded()) == [
                "the record is of 'prod-db-01', but its file name says 'prod-web-01'"
            ])
        var record = Self.record()
        record.format = "patchlab.production/v9"
        #expect(problems(try record.encoded()) == ["format 'patchlab.production/v9' is not 'patchlab.production/v1'"])
        #expect(problems(Data("[1, 2]".utf8)).first?.hasPrefix("not a production record: at the top: expected") == true)
        #expect(problems(Data("{\"format\": 1}".utf8)).first?.contains("not a production record") == true)
        #expect(problems(Data(count: ProductionRecord.maximumFileSize + 1)).first?.hasPrefix("expected at most 64 MiB") == true)
    }

    /// What the probe could not have printed: escape codes in names, bad versions, relative paths,
    /// digests that are not sha256, ports out of range, a forged host key.
    @Test func hostileFactsAreNamed() throws {
        let fingerprint = Fingerprint(
            machine: "prod-web-01",
            packages: ["nginx\u{1B}[31m": "1.0", "curl": "not a version"],
            services: ["ssh.service": ServiceStatus(active: "active now", enabled: "enabled")],
            ports: ["tcp/99999", "sctp/1"],
            files: ["etc/passwd": digestA, "/etc/shadow": "ABC", "/etc/x\u{07}": digestA])
        var record = Self.record(fingerprint: fingerprint)
        record.hostKey = "ssh-ed25519 SHA256:<script>"
        record.spec.watch = ["etc"]
        record.copiedFiles = [CopiedFile(path: "/etc/../root/.ssh/id_rsa", sha256: digestA, content: Data())]
        let found = problems(try record.encoded())
        #expect(found.contains("host key 'ssh-ed25519 SHA256:<script>' is not 'TYPE SHA256:BASE64'"))
        #expect(found.contains("spec path 'etc' is not absolute"))
        #expect(found.contains("fingerprint: package name 'nginx?[31m' is not one printable word"), "no escape code is echoed: \(found)")
        #expect(found.contains("fingerprint: package curl has version 'not a version', not a Debian version"))
        #expect(found.contains("fingerprint: service 'ssh.service' has a name or state that is not one word"))
        #expect(found.contains("fingerprint: port 'tcp/99999' is not tcp/N or udp/N"))
        #expect(found.contains("fingerprint: port 'sctp/1' is not tcp/N or udp/N"))
        #expect(found.contains("fingerprint: file 'etc/passwd' is not an absolute path of printable characters"))
        #expect(found.contains("fingerprint: file '/etc/shadow' has a digest that is not a lower-case sha256"))
        #expect(found.contains("fingerprint: file '/etc/x?' is not an absolute path of printable characters"))
        #expect(found.contains("copied file '/etc/../root/.ssh/id_rsa' is not an absolute path without '..'"))
    }

    @Test func namesAndTheirLookup() {
        #expect(ProductionName.from(host: "root@prod-web-01.example.com") == "prod-web-01.example.com")
        #expect(ProductionName.from(host: "ssh://admin@db-1:2222") == "db-1")
        #expect(ProductionName.from(host: "[::1]:22") == "1", "an address in brackets keeps only what a name may hold")
        #expect(ProductionName.from(host: "patchlab-test-prod") == "patchlab-test-prod")
        #expect(ProductionName.from(host: "../../etc/passwd") == "etc-passwd")
        #expect(ProductionName.candidates(forMirrors: "prod-web-01.example.com") == ["prod-web-01.example.com", "prod-web-01"])
        #expect(ProductionName.candidates(forMirrors: "prod-web-01") == ["prod-web-01"])
        for bad in ["", ".hidden", "a/b", "-x", String(repeating: "a", count: 254), "name with space"] {
            #expect(!ProductionName.isValid(bad), "\(bad)")
        }
    }
}

/// The captures shipped in `production/` are sound records, and the demo lab's machines find them
/// by their `mirrors:` names.
@Suite struct ShippedProductionTests {
    @Test func theDemoLabsHostsHaveSoundCaptures() throws {
        let lab = try Lab.load(contentsOf: repositoryRoot + "/labs/demo.yaml")
        for machine in lab.machines {
            let name = try #require(
                ProductionName.candidates(forMirrors: machine.mirrors).first {
                    FileManager.default.fileExists(atPath: "\(repositoryRoot)/production/\($0).json")
                }, "no capture of \(machine.mirrors) in production/")
            let file = "\(repositoryRoot)/production/\(name).json"
            let record = try ProductionRecord.decode(try Data(contentsOf: URL(fileURLWithPath: file)), file: file, expectedName: name)
            #expect(record.fingerprint.system.osCodename == "bookworm")
            #expect(
                record.fingerprint.packages["nginx-light"] == "1.22.1-9+deb12u9",
                "CHG-0001 upgrades nginx from the version production runs: the demo's start versions agree")
            #expect(record.copiedFiles.isEmpty, "nothing of a host's files but digests is shipped")
        }
    }
}
