import Testing
@testable import PatchLabModel

/// Reading `expect:`: every matcher's forms, and each mistake at its place.
@Suite struct ExpectationParsingTests {
    @Test func everyMatcherIsRead() throws {
        let parsed = try expectations(
            """
                expect:
                  exit: {in: [0, 3]}
                  stdout: active
                  stderr: {empty: true}
                  json: [{path: "$.status", equals: "ok"}, {path: "$.items[0].n", equals: 2}, {path: $.v, matches: '^1\\.'}]
                  number: {from: stderr, min: 0, max: 90}
                  file: {path: /etc/nginx/nginx.conf, sha256: "\(String(repeating: "A", count: 64))", contains: worker_processes}
                  service: {name: nginx, state: active, enabled: true}
                  package: {name: nginx-light, version: "1.22.1-9"}
                  port: {number: 80}
                  http: {url: "http://127.0.0.1/", status: 200, body: {contains: "Welcome to nginx"}}
            """)
        #expect(
            parsed == [
                .exit(.oneOf([0, 3]), location: at(14, 13)),
                .stdout(.equals("active"), location: at(15, 15)),
                .stderr(.empty(true), location: at(16, 15)),
                .json(path: JSONPath("$.status")!, matcher: .equals(.string("ok")), location: at(17, 14)),
                .json(path: JSONPath("$.items[0].n")!, matcher: .equals(.number(2)), location: at(17, 48)),
                .json(path: JSONPath("$.v")!, matcher: .matches("^1\\."), location: at(17, 83)),
                .number(from: .stderr, min: 0, max: 90, location: at(18, 15)),
                .file(
                    path: "/etc/nginx/nginx.conf", exists: true, sha256: String(repeating: "a", count: 64),
                    contains: "worker_processes", location: at(19, 13)),
                .service(name: "nginx", state: .active, enabled: true, location: at(20, 16)),
                .package(name: "nginx-light", version: .equals(DebianVersion("1.22.1-9")!), location: at(21, 16)),
                .port(number: 80, protocol: .tcp, listening: true, location: at(22, 13)),
                .http(url: "http://127.0.0.1/", status: 200, body: .contains("Welcome to nginx"), location: at(23, 13)),
            ])
    }

    @Test func shortFormsAndDefaults() throws {
        let parsed = try expectations(
            """
                expect:
                  exit: {not: 1}
                  stdout: [{contains: a}, {not_contains: b}, {matches: "^ok$"}]
                  service: {name: nginx}
                  package: {name: "libc6:amd64"}
                  port: {number: 53, protocol: udp, listening: false}
                  http: {url: "https://example.test/health"}
                  file: {path: /etc/shadow-, exists: false}
            """)
        #expect(
            parsed.map(\.description) == [
                "exit status is not 1",
                "stdout contains \"a\"",
                "stdout does not contain \"b\"",
                "stdout matches /^ok$/",
                "service nginx is active",
                "package libc6:amd64 is installed",
                "UDP port 53 is not listening",
                "GET https://example.test/health answers status 200",
                "file /etc/shadow- does not exist",
            ])
    }

    @Test func unknownMatcherSuggestsTheNearestOne() {
        expectPlanError(
            planWithCases(oneCase("    expect: {stdot: active}")), at: "13:14",
            mentions: [
                "unknown matcher 'stdot' in 'expect' of case T-001",
                "expected one of: exit, stdout, stderr, json, number, file, service, package, port, http",
                "did you mean 'stdout'?",
            ])
    }

    @Test func unknownTextMatcherKeyIsReported() {
        expectPlanError(
            planWithCases(oneCase("    expect: {stdout: {equal: x}}")), at: "13:23",
            mentions: [
                "unknown key 'equal' in stdout matcher", "did you mean 'equals'?",
            ])
    }

    @Test func badRegexIsReportedAtTheRegex() {
        expectPlanError(
            planWithCases(
                oneCase(
                    """
                        expect:
                          stdout: {matches: "a(b"}
                    """)), at: "14:25", mentions: ["invalid regular expression 'a(b' for 'matches'", "expected ')'"])
    }

    @Test func badRegexInAJSONMatcherIsReported() {
        expectPlanError(
            planWithCases(oneCase("    expect: {json: {path: $.a, matches: '[z-a]'}}")), at: "13:41",
            mentions: ["invalid regular expression '[z-a]'"])
    }

    @Test func twoTextMatchersInOneMappingAreRefused() {
        expectPlanError(
            planWithCases(oneCase("    expect: {stdout: {contains: a, matches: b}}")), at: "13:22",
            mentions: [
                "expected exactly one of equals, contains, matches, not_contains, empty in stdout matcher, found contains and matches",
                "use a list for several",
            ])
    }

    @Test func exitMustBeAStatus() {
        expectPlanError(
            planWithCases(oneCase("    expect: {exit: zero}")), at: "13:20",
            mentions: ["expected an integer for 'exit', found 'zero'"])
        expectPlanError(
            planWithCases(oneCase("    expect: {exit: 300}")), at: "13:20",
            mentions: ["'exit' out of range; expected 0 to 255, found 300"])
        expectPlanError(
            planWithCases(oneCase("    expect: {exit: [0, 1]}")), at: "13:20",
            mentions: ["found a list", "{in: [...]}"])
    }

    @Test func badJSONPathIsReported() {
        expectPlanError(
            planWithCases(oneCase("    expect: {json: {path: status, equals: ok}}")), at: "13:27",
            mentions: ["invalid JSON path 'status': a path starts with '$'", "expected a path such as $.status"])
    }

    @Test func jsonNeedsEqualsOrMatches() {
        expectPlanError(
            planWithCases(oneCase("    expect: {json: {path: $.a}}")), at: "13:20",
            mentions: ["expected exactly one of equals, matches in json matcher, found neither"])
    }

    @Test func numberNeedsABound() {
        expectPlanError(
            planWithCases(oneCase("    expect: {number: {from: stdout}}")), at: "13:22",
            mentions: ["expected 'min', 'max' or both in number matcher"])
        expectPlanError(
            planWithCases(oneCase("    expect: {number: {min: 5, max: 1}}")), at: "13:36",
            mentions: ["'max' (1) is below 'min' (5)"])
    }

    @Test func packageVersionMustBeADebianVersion() {
        expectPlanError(
            planWithCases(oneCase("    expect: {package: {name: nginx, at_least: \"v1.0\"}}")), at: "13:47",
            mentions: ["invalid version 'v1.0' for 'at_least'", "must start with a digit", "expected a Debian version"])
    }

    @Test func packageTakesOneVersionCondition() {
        expectPlanError(
            planWithCases(oneCase("    expect: {package: {name: nginx, at_least: \"1\", older_than: \"2\"}}")),
            at: "13:23",
            mentions: [
                "expected at most one of version, newer_than, older_than, at_least",
                "found at_least and older_than",
            ])
    }

    @Test func badPackageNameIsReported() {
        expectPlanError(
            planWithCases(oneCase("    expect: {package: {name: Nginx}}")), at: "13:30",
            mentions: ["invalid value 'Nginx' for 'name'", "expected a Debian package name"])
    }

    @Test func badServiceStateIsReported() {
        expectPlanError(
            planWithCases(oneCase("    expect: {service: {name: nginx, state: running}}")), at: "13:44",
            mentions: ["unknown value 'running' for 'state'", "expected one of: active, inactive, failed"])
    }

    @Test func fileSha256MustBeHex() {
        expectPlanError(
            planWithCases(oneCase("    expect: {file: {path: /x, sha256: abc}}")), at: "13:39",
            mentions: ["invalid value 'abc' for 'sha256'", "expected 64 hexadecimal digits"])
    }

    @Test func fileThatMustNotExistTakesNoContentChecks() {
        expectPlanError(
            planWithCases(oneCase("    expect: {file: {path: /x, exists: false, contains: y}}")), at: "13:39",
            mentions: ["'exists: false' with 'sha256' or 'contains'"])
    }

    @Test func relativeFilePathIsRefused() {
        expectPlanError(
            planWithCases(oneCase("    expect: {file: {path: etc/x}}")), at: "13:27",
            mentions: ["invalid value 'etc/x' for 'path'", "expected an absolute guest path"])
    }

    @Test func portOutOfRangeIsRefused() {
        expectPlanError(
            planWithCases(oneCase("    expect: {port: {number: 70000}}")), at: "13:29",
            mentions: ["'number' out of range; expected 1 to 65535, found 70000"])
    }

    @Test func httpURLMustBeHTTP() {
        expectPlanError(
            planWithCases(oneCase("    expect: {http: {url: \"ftp://x/\"}}")), at: "13:26",
            mentions: ["invalid value 'ftp://x/' for 'url'", "expected an http:// or https:// URL"])
    }

    @Test func emptyExpectIsRefused() {
        expectPlanError(
            planWithCases(oneCase("    expect: {}")), at: "13:13",
            mentions: ["expected at least one matcher in 'expect' of case T-001"])
    }

    @Test func expectMustBeAMapping() {
        expectPlanError(
            planWithCases(oneCase("    expect: [exit]")), at: "13:13",
            mentions: ["expected a mapping for 'expect', found a list"])
    }
}
