import Foundation
import Testing
@testable import PatchLabModel

/// Every expectation judged on sample outputs: pass and fail, and the expected/actual texts reports print.
@Suite struct ExpectationEvaluationTests {
    func outcome(_ expectation: PlanExpectation, _ exitCode: Int = 0, stdout: String = "", stderr: String = "") -> ExpectationOutcome {
        expectation.evaluate(probeOutput: ProbeOutput(exitCode: exitCode, stdout: stdout, stderr: stderr))
    }

    @Test func exit() {
        let passed = outcome(.exit(.equals(0)), 0)
        #expect(passed == ExpectationOutcome(passed: true, expected: "exit status is 0", actual: "exit status was 0"))
        let failed = outcome(.exit(.oneOf([0, 3])), 1)
        #expect(failed == ExpectationOutcome(passed: false, expected: "exit status is one of 0, 3", actual: "exit status was 1"))
    }

    @Test func stdoutAndStderr() {
        #expect(
            outcome(.stdout(.equals("active")), stdout: "active\n")
                == ExpectationOutcome(passed: true, expected: "stdout equals \"active\"", actual: "stdout was \"active\""))
        #expect(
            outcome(.stdout(.equals("active")), 3, stdout: "inactive\n")
                == ExpectationOutcome(passed: false, expected: "stdout equals \"active\"", actual: "stdout was \"inactive\""))
        #expect(
            outcome(.stderr(.empty(true)), stderr: "warning: x\n")
                == ExpectationOutcome(passed: false, expected: "stderr is empty", actual: "stderr was \"warning: x\""))
        #expect(outcome(.stderr(.contains("syntax is ok")), stdout: "syntax is ok").actual == "stderr was empty")
        // Output matchers judge the check command whatever its exit status.
        #expect(outcome(.stdout(.contains("x")), 1, stdout: "x").passed)
    }

    @Test func guestOutputIsShownEscapedAndCut() {
        let actual = outcome(.stdout(.equals("ok")), stdout: "\u{1B}[31m<script>\talert(1)</script>").actual
        #expect(actual == #"stdout was "\u{1B}[31m<script>\talert(1)</script>""#)
        let long = outcome(.stdout(.equals("ok")), stdout: String(repeating: "x", count: 1000)).actual
        #expect(long.hasSuffix("\"… (800 more characters)"))
    }

    @Test func json() throws {
        let path = try #require(JSONPath("$.status"))
        let matcher = PlanExpectation.json(path: path, matcher: .equals(.string("ok")))
        #expect(
            outcome(matcher, stdout: #"{"status": "ok"}"#)
                == ExpectationOutcome(
                    passed: true, expected: #"the JSON value at $.status equals "ok""#,
                    actual: #"the JSON value at $.status was "ok""#))
        #expect(outcome(matcher, stdout: #"{"status": "down"}"#).actual == #"the JSON value at $.status was "down""#)
        #expect(!outcome(matcher, stdout: #"{"status": "down"}"#).passed)
        #expect(outcome(matcher, stdout: #"{"state": 1}"#).actual == #"stdout has no value at $.status: "{\"state\":1}""#)
        #expect(outcome(matcher, stdout: "Internal Server Error").actual == #"stdout is not JSON: "Internal Server Error""#)
        #expect(!outcome(matcher, stdout: "Internal Server Error").passed)
        #expect(outcome(.json(path: JSONPath("$.n")!, matcher: .matches("^2\\d\\d$")), stdout: #"{"n": 204}"#).passed)
    }

    @Test func number() {
        let matcher = PlanExpectation.number(from: .stdout, min: nil, max: 90)
        #expect(
            outcome(matcher, stdout: " 42%\n")
                == ExpectationOutcome(passed: true, expected: "the number in stdout is at most 90", actual: "the number in stdout was 42"))
        #expect(
            outcome(matcher, stdout: " 95%\n")
                == ExpectationOutcome(passed: false, expected: "the number in stdout is at most 90", actual: "the number in stdout was 95"))
        #expect(outcome(matcher, stdout: "n/a").actual == #"stdout has no number: "n/a""#)
        #expect(outcome(.number(from: .stderr, min: 1, max: 2), stderr: "1.5").passed)
        #expect(PlanExpectation.number(from: .stderr, min: 1, max: 2).description == "the number in stderr is between 1 and 2")
        #expect(PlanExpectation.number(from: .stdout, min: 0.5, max: nil).description == "the number in stdout is at least 0.5")
    }

    @Test func file() {
        let sha = String(repeating: "ab", count: 32)
        let matcher = PlanExpectation.file(path: "/etc/nginx/nginx.conf", exists: true, sha256: sha, contains: "worker_processes")
        let expected = "file /etc/nginx/nginx.conf exists and has sha256 \(sha) and contains \"worker_processes\""
        #expect(matcher.description == expected)
        #expect(
            outcome(matcher, stdout: "state=present\nsha256=\(sha)\ncontains=yes\n")
                == ExpectationOutcome(
                    passed: true, expected: expected,
                    actual: "file /etc/nginx/nginx.conf exists and has sha256 \(sha) and contains \"worker_processes\""))
        let other = String(repeating: "0", count: 64)
        #expect(
            outcome(matcher, stdout: "state=present\nsha256=\(other)\ncontains=no\n").actual
                == "file /etc/nginx/nginx.conf exists and has sha256 \(other) and does not contain \"worker_processes\"")
        #expect(!outcome(matcher, stdout: "state=present\nsha256=\(other)\ncontains=yes\n").passed)
        #expect(
            outcome(matcher, stdout: "state=absent\n")
                == ExpectationOutcome(passed: false, expected: expected, actual: "file /etc/nginx/nginx.conf does not exist"))
        let absent = PlanExpectation.file(path: "/tmp/x", exists: false, sha256: nil, contains: nil)
        #expect(outcome(absent, stdout: "state=absent\n").passed)
        #expect(
            outcome(absent, stdout: "state=present\n")
                == ExpectationOutcome(
                    passed: false, expected: "file /tmp/x does not exist", actual: "file /tmp/x exists"))
        #expect(outcome(.file(path: "/etc", exists: true, sha256: nil, contains: nil), stdout: "state=directory\n").passed)
        #expect(!outcome(.file(path: "/etc", exists: true, sha256: sha, contains: nil), stdout: "state=directory\n").passed)
    }

    @Test func service() {
        let matcher = PlanExpectation.service(name: "nginx", state: .active, enabled: true)
        #expect(matcher.description == "service nginx is active and enabled")
        #expect(
            outcome(matcher, stdout: "active=active\nenabled=enabled\n")
                == ExpectationOutcome(
                    passed: true, expected: "service nginx is active and enabled",
                    actual: "service nginx is active and enabled"))
        #expect(
            outcome(matcher, stdout: "active=inactive\nenabled=disabled\n")
                == ExpectationOutcome(
                    passed: false, expected: "service nginx is active and enabled",
                    actual: "service nginx is inactive and disabled"))
        #expect(!outcome(matcher, stdout: "active=active\nenabled=masked\n").passed)
        #expect(outcome(matcher, stdout: "active=inactive\nenabled=\n").actual == "service nginx is inactive and has no unit file")
        let stopped = PlanExpectation.service(name: "apache2", state: .inactive, enabled: nil)
        #expect(outcome(stopped, stdout: "active=inactive\nenabled=\n").passed)
        #expect(PlanExpectation.service(name: "x", state: .failed, enabled: false).description == "service x is failed and not enabled")
    }

    @Test func package() {
        let matcher = PlanExpectation.package(name: "nginx-light", version: .equals(DebianVersion("1.22.1-9")!))
        #expect(
            outcome(matcher, stdout: "install ok installed\t1.22.1-9\n")
                == ExpectationOutcome(
                    passed: true, expected: "package nginx-light is at version 1.22.1-9",
                    actual: "package nginx-light is at version 1.22.1-9"))
        #expect(
            outcome(matcher, stdout: "install ok installed\t1.22.1-9+deb12u1\n")
                == ExpectationOutcome(
                    passed: false, expected: "package nginx-light is at version 1.22.1-9",
                    actual: "package nginx-light is at version 1.22.1-9+deb12u1"))
        // dpkg-query prints nothing for a package it never heard of.
        #expect(outcome(matcher, stdout: "").actual == "package nginx-light is not installed")
        #expect(
            outcome(matcher, stdout: "deinstall ok config-files\t1.22.1-9\n").actual
                == "package nginx-light is not installed (dpkg status: deinstall ok config-files)")
        // Several architectures: the installed one counts.
        let multiarch = PlanExpectation.package(name: "libc6", version: .atLeast(DebianVersion("2.36")!))
        #expect(outcome(multiarch, stdout: "deinstall ok config-files\t2.31-1\ninstall ok installed\t2.36-9\n").passed)
        #expect(
            outcome(
                PlanExpectation.package(name: "x", version: .newerThan(DebianVersion("2.0")!)),
                stdout: "install ok installed\t2.0\n"
            ).expected == "package x is newer than 2.0")
    }

    /// /proc/net/tcp with nginx on 0.0.0.0:80 and [::]:80, ssh on 22 and a client connection to 80.
    static let tcpTables = """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 00000000:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0
           1: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2 1 0 100 0 0 10 0
           2: 0100007F:A1B2 0100007F:0050 01 00000000:00000000 00:00000000 00000000     0        0 3 1 0 100 0 0 10 0
          sl  local_address                         remote_address                        st tx_queue rx_queue
           0: 00000000000000000000000000000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000
           1: 0000000000000000FFFF00000100007F:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000
        """

    @Test func port() {
        let matcher = PlanExpectation.port(number: 80, protocol: .tcp, listening: true)
        #expect(
            outcome(matcher, stdout: Self.tcpTables)
                == ExpectationOutcome(
                    passed: true, expected: "TCP port 80 is listening",
                    actual: "TCP port 80 is listening on 0.0.0.0, ::"))
        #expect(
            outcome(.port(number: 8080, protocol: .tcp, listening: true), stdout: Self.tcpTables).actual
                == "TCP port 8080 is listening on ::ffff:127.0.0.1")
        // A connected socket on port 41394 is not a listener.
        let closed = outcome(.port(number: 0xA1B2, protocol: .tcp, listening: true), stdout: Self.tcpTables)
        #expect(
            closed
                == ExpectationOutcome(
                    passed: false, expected: "TCP port 41394 is listening",
                    actual: "TCP port 41394 is not listening (listening TCP ports: 22, 80, 8080)"))
        #expect(outcome(.port(number: 443, protocol: .tcp, listening: false), stdout: Self.tcpTables).passed)
        #expect(!outcome(.port(number: 22, protocol: .tcp, listening: false), stdout: Self.tcpTables).passed)
        let udp = """
              sl  local_address rem_address   st
             1: 00000000:0035 00000000:0000 07 00000000:00000000
             2: 0100007F:1234 0100007F:0035 01 00000000:00000000
            """
        #expect(outcome(.port(number: 53, protocol: .udp, listening: true), stdout: udp).passed)
        #expect(!outcome(.port(number: 0x1234, protocol: .udp, listening: true), stdout: udp).passed)
    }

    @Test func http() {
        let matcher = PlanExpectation.http(url: "http://127.0.0.1/", status: 200, body: .contains("Welcome to nginx"))
        let expected = "GET http://127.0.0.1/ answers status 200 and its body contains \"Welcome to nginx\""
        #expect(
            outcome(matcher, stdout: "status=200 curl=0\n<h1>Welcome to nginx!</h1>\n")
                == ExpectationOutcome(
                    passed: true, expected: expected,
                    actual: "GET http://127.0.0.1/ answered status 200 with body \"<h1>Welcome to nginx!</h1>\""))
        #expect(
            outcome(matcher, stdout: "status=404 curl=0\nnot found").actual
                == "GET http://127.0.0.1/ answered status 404 with body \"not found\"")
        #expect(!outcome(matcher, stdout: "status=200 curl=0\nIt works").passed)
        let refused = outcome(
            matcher, stdout: "status=000 curl=7\n",
            stderr: "curl: (7) Failed to connect to 127.0.0.1 port 80: Connection refused\n")
        #expect(
            refused
                == ExpectationOutcome(
                    passed: false, expected: expected,
                    actual:
                        "GET http://127.0.0.1/ failed (curl exit 7): \"curl: (7) Failed to connect to 127.0.0.1 port 80: Connection refused\""
                ))
        #expect(
            outcome(.http(url: "http://x/", status: 301, body: nil), stdout: "status=301 curl=0\n")
                == ExpectationOutcome(
                    passed: true, expected: "GET http://x/ answers status 301", actual: "GET http://x/ answered status 301"))
    }

    @Test func aProbeThatCouldNotRunIsInconclusive() {
        let broken = outcome(.service(name: "nginx", state: .active, enabled: nil), 127, stderr: "systemctl not found\n")
        #expect(
            broken
                == ExpectationOutcome(
                    passed: false, expected: "service nginx is active",
                    actual: "could not check: the probe exited with status 127, stderr \"systemctl not found\"", inconclusive: true))
        #expect(outcome(.port(number: 80, protocol: .tcp, listening: true), stdout: "").inconclusive)
        #expect(outcome(.service(name: "nginx", state: .active, enabled: nil), stdout: "active=\nenabled=\n").inconclusive)
        #expect(outcome(.http(url: "http://x/", status: 200, body: nil), stdout: "garbage").inconclusive)
        #expect(outcome(.file(path: "/x", exists: true, sha256: nil, contains: nil), stdout: "").inconclusive)
        #expect(outcome(.package(name: "x", version: .installed), stdout: "install ok installed\tnot a version\n").inconclusive)
        // Failing facts are not inconclusive.
        #expect(!outcome(.package(name: "x", version: .installed), stdout: "").inconclusive)
    }

    @Test func outputMatchersHaveNoProbeAndGuestFactsHaveOne() {
        #expect(PlanExpectation.exit(.equals(0)).probe == nil)
        #expect(PlanExpectation.stdout(.equals("")).judgesCheckOutput)
        #expect(PlanExpectation.json(path: JSONPath("$")!, matcher: .equals(.null)).probe == nil)
        #expect(PlanExpectation.number(from: .stdout, min: 0, max: nil).probe == nil)
        for expectation: PlanExpectation in [
            .file(path: "/x", exists: true, sha256: nil, contains: nil), .service(name: "x", state: .active, enabled: nil),
            .package(name: "x", version: .installed), .port(number: 1, protocol: .tcp, listening: true),
            .http(url: "http://x/", status: 200, body: nil),
        ] {
            #expect(expectation.probe?.prefix(2) == ["/bin/sh", "-c"], "\(expectation.matcherName)")
        }
    }

    @Test func probesQuotePlanValues() throws {
        let probe = try #require(
            PlanExpectation.file(
                path: "/tmp/it's $(reboot)", exists: true, sha256: nil,
                contains: "a'b"
            ).probe)
        #expect(probe[2].contains(#"p='/tmp/it'\''s $(reboot)'"#))
        #expect(probe[2].contains(#"grep -qaF -e 'a'\''b'"#))
        let package = try #require(PlanExpectation.package(name: "nginx-light", version: .installed).probe)
        #expect(package[2].contains(#"dpkg-query -W -f='${Status}\t${Version}\n' 'nginx-light'"#))
        let http = try #require(PlanExpectation.http(url: "http://127.0.0.1/?a=1&b=2", status: 200, body: nil).probe)
        #expect(http[2].contains("'http://127.0.0.1/?a=1&b=2'"))
    }
}
