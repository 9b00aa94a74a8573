import Foundation
import Testing
@testable import PatchLabModel

/// Reading the probe's line format, and refusing anything else with the line named.
@Suite struct FingerprintParseTests {
    let date = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func readsEveryKindOfLine() throws {
        let output = """
            file /etc/nginx/nginx.conf \(digestA)
            file /etc/with two  spaces.conf \(digestB.uppercased())
            file /etc/we\\\\ird\\nname \(digestA)

            package nginx-light 1.22.1-9+deb12u9
            package libc6:amd64 2.36-9+deb12u10
            package nginx 1.22.1-9+deb12u11 half-configured
            port tcp 80
            port tcp 80
            port udp 68
            service nginx.service active enabled
            service getty@tty1.service active -
            """
        let fingerprint = try Fingerprint.parse(probeOutput: output + "\n", machine: "web-01", phase: .baseline, takenAt: date)
        #expect(fingerprint.machine == "web-01")
        #expect(fingerprint.phase == .baseline)
        #expect(fingerprint.takenAt == date)
        #expect(
            fingerprint.files == [
                "/etc/nginx/nginx.conf": digestA, "/etc/with two  spaces.conf": digestB,
                "/etc/we\\ird\nname": digestA,
            ])
        #expect(
            fingerprint.packages == [
                "nginx-light": "1.22.1-9+deb12u9", "libc6:amd64": "2.36-9+deb12u10",
                "nginx": "1.22.1-9+deb12u11",
            ])
        #expect(fingerprint.packageStates == ["nginx": "half-configured"])
        #expect(fingerprint.state(ofPackage: "nginx") == "half-configured")
        #expect(fingerprint.state(ofPackage: "nginx-light") == "installed")
        #expect(fingerprint.state(ofPackage: "absent") == nil)
        #expect(fingerprint.ports == ["tcp/80", "udp/68"])
        #expect(
            fingerprint.services == [
                "nginx.service": ServiceStatus(active: "active", enabled: "enabled"),
                "getty@tty1.service": ServiceStatus(active: "active", enabled: "-"),
            ])
    }

    @Test func emptyOutputIsAnEmptyFingerprint() throws {
        let fingerprint = try Fingerprint.parse(probeOutput: "\n\n", machine: "m")
        #expect(fingerprint.packages.isEmpty && fingerprint.services.isEmpty && fingerprint.ports.isEmpty && fingerprint.files.isEmpty)
    }

    @Test(arguments: [
        ("package nginx", "expected 'package NAME VERSION [STATE]'"),
        ("package nginx not-a-version", "expected 'package NAME VERSION [STATE]'"),
        ("package nginx 1.0 half configured", "expected 'package NAME VERSION [STATE]'"),
        ("service nginx.service active", "expected 'service NAME ACTIVE-STATE ENABLEMENT'"),
        ("port tcp", "expected 'port tcp|udp NUMBER'"),
        ("port sctp 80", "expected 'port tcp|udp NUMBER'"),
        ("port tcp 70000", "expected 'port tcp|udp NUMBER'"),
        ("port tcp -1", "expected 'port tcp|udp NUMBER'"),
        ("file /etc/x 1234", "expected 'file /ABSOLUTE/PATH SHA256'"),
        ("file relative/x \(String(repeating: "a", count: 64))", "expected 'file /ABSOLUTE/PATH SHA256'"),
        ("file /etc/x\(String(repeating: "a", count: 64))", "expected 'file /ABSOLUTE/PATH SHA256'"),
        ("file /etc/bad\\escape \(String(repeating: "a", count: 64))", "expected 'file /ABSOLUTE/PATH SHA256'"),
        ("mount / ext4", "expected a fact (arch, file, kernel, origin, os, package, port or service)"),
        ("garbage", "expected a fact (arch, file, kernel, origin, os, package, port or service)"),
    ])
    func malformedLinesAreNamed(line: String, problem: String) {
        let output = "package dpkg 1.21.22\n\n\(line)\nport tcp 22\n"
        #expect {
            try Fingerprint.parse(probeOutput: output, machine: "web-02")
        } throws: { error in
            guard let error = error as? FingerprintParseError else { return false }
            return error.machine == "web-02" && error.lineNumber == 3 && error.line == line
                && error.problem.hasPrefix(problem)
                && error.description.hasPrefix("fingerprint of web-02, line 3: \(problem)")
                && error.description.hasSuffix("found '\(line)'")
        }
    }

    @Test func aFactTwiceWithDifferentValuesIsRefused() {
        #expect(throws: FingerprintParseError.self) {
            try Fingerprint.parse(probeOutput: "package a 1.0\npackage a 2.0\n", machine: "m")
        }
        #expect(throws: FingerprintParseError.self) {
            try Fingerprint.parse(probeOutput: "file /a \(digestA)\nfile /a \(digestB)\n", machine: "m")
        }
    }

    @Test func roundTripsThroughJSON() throws {
        let fingerprint = try Fingerprint.parse(
            probeOutput: "package a 1.0\nservice a.service active enabled\nport tcp 1\nfile /a \(digestA)\n",
            machine: "m", phase: .postPatch, takenAt: date)
        let data = try JSONEncoder().encode(fingerprint)
        #expect(try JSONDecoder().decode(Fingerprint.self, from: data) == fingerprint)
    }
}

/// The facts fidelity added to the probe's output, and what output from a hostile host cannot do.
@Suite struct FingerprintSystemFactsParseTests {
    @Test func systemFactsAndOrigins() throws {
        let output = """
            arch x86_64
            kernel 6.1.0-26-amd64
            origin curl -
            origin nginx bookworm-security/main http://deb.debian.org/debian-security
            os debian 12 bookworm
            package curl 7.88.1-10+deb12u14
            package nginx 1.22.1-9+deb12u3
            """
        let print = try Fingerprint.parse(probeOutput: output, machine: "prod")
        #expect(
            print.system
                == SystemFacts(osID: "debian", osVersion: "12", osCodename: "bookworm", kernel: "6.1.0-26-amd64", architecture: "x86_64"))
        #expect(print.system.osRelease == "debian 12 (bookworm)")
        #expect(
            print.packageOrigins["nginx"] == PackageOrigin(archive: "bookworm-security/main", site: "http://deb.debian.org/debian-security")
        )
        #expect(print.packageOrigins["curl"]?.isUnknown == true)
        let unset = try Fingerprint.parse(probeOutput: "os - - -\n", machine: "prod")
        #expect(unset.system.isEmpty)
    }

    @Test(arguments: [
        ("os debian 12", "expected 'os ID VERSION_ID CODENAME'"),
        ("os debian 12 bookworm extra", "expected 'os ID VERSION_ID CODENAME'"),
        ("kernel 6.1 smp", "expected 'kernel RELEASE' with one word"),
        ("arch", "expected a fact"),
        ("origin nginx - http://x", "expected 'origin NAME ARCHIVE SITE' or 'origin NAME -'"),
        ("package nginx\u{1B}[2J 1.0", "expected printable text, found a control character"),
        ("file /etc/a\u{7F} \(String(repeating: "a", count: 64))", "expected printable text"),
        ("kernel 6.1\nkernel 6.2", "found 'kernel' again with a different value"),
        ("package " + String(repeating: "x", count: 20000) + " 1.0", "expected a line of at most 16384 bytes"),
        ("hello world", "expected a fact (arch, file, kernel, origin, os, package, port or service)"),
    ])
    func malformedLinesAreRefused(line: String, problem: String) {
        do {
            _ = try Fingerprint.parse(probeOutput: line, machine: "prod")
            Issue.record("accepted \(line.prefix(40))")
        } catch let error as FingerprintParseError {
            #expect(error.problem.contains(problem), "\(error.problem)")
            #expect(
                !error.description.unicodeScalars.contains { $0.properties.generalCategory == .control }, "no control character is echoed")
            #expect(error.line.count <= 200)
        } catch {
            Issue.record("\(error)")
        }
    }
}
