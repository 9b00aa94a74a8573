import Foundation
import Testing
@testable import PatchLabModel

/// The pure matchers the runner relies on: text, exit status, numbers, JSON.
@Suite struct OutputMatcherTests {
    @Test(arguments: [
        (TextMatcher.equals("active"), "active\n", true),
        (.equals("active"), "  active  \n\n", true),
        (.equals("active"), "inactive\n", false),
        (.equals(""), "\n", true),
        (.contains("Welcome"), "<h1>Welcome to nginx!</h1>", true),
        (.contains("welcome"), "<h1>Welcome to nginx!</h1>", false),
        (.notContains("error"), "all good", true),
        (.notContains("error"), "an error occurred", false),
        (.matches("^ok$"), "first\nok\nlast", true),
        (.matches("^ok$"), "not ok here", false),
        (.matches(#"\d+\.\d+"#), "version 1.22 here", true),
        (.empty(true), " \n\t", true),
        (.empty(true), "x", false),
        (.empty(false), "x", true),
        (.empty(false), "", false),
    ])
    func textMatcher(matcher: TextMatcher, text: String, matches: Bool) {
        #expect(matcher.matches(text) == matches)
    }

    @Test func textMatcherDescriptions() {
        #expect(TextMatcher.equals("active").description == "equals \"active\"")
        #expect(TextMatcher.contains("a\"b").description == "contains \"a\\\"b\"")
        #expect(TextMatcher.matches("^ok$").description == "matches /^ok$/")
        #expect(TextMatcher.notContains("x").description == "does not contain \"x\"")
        #expect(TextMatcher.empty(true).description == "is empty")
        #expect(TextMatcher.empty(false).description == "is not empty")
    }

    @Test func regexProblemsAreExplained() {
        #expect(TextMatcher.regexProblem("a(") == "expected ')'")
        #expect(TextMatcher.regexProblem("^ok$") == nil)
        // A matcher built in code with a bad pattern matches nothing rather than crashing.
        #expect(!TextMatcher.matches("a(").matches("a("))
    }

    @Test func exitMatcher() {
        #expect(ExitMatcher.equals(0).matches(0))
        #expect(!ExitMatcher.equals(0).matches(1))
        #expect(ExitMatcher.oneOf([0, 3]).matches(3))
        #expect(!ExitMatcher.oneOf([0, 3]).matches(1))
        #expect(ExitMatcher.not(1).matches(0))
        #expect(!ExitMatcher.not(1).matches(1))
        #expect(ExitMatcher.oneOf([0, 3]).description == "is one of 0, 3")
    }

    @Test(
        arguments: [
            (" 42%\n", 42.0),
            ("Use%\n 87%", 87.0),
            ("load: 0.75, 0.5", 0.75),
            ("temperature -3 C", -3.0),
            ("web-01 has 2 cpus", 1.0),
            ("1.22.1-9", 1.22),
            ("version 3.", 3.0),
        ] as [(String, Double)])
    func numberScannerFindsTheFirstNumber(text: String, number: Double) {
        #expect(NumberScanner.firstNumber(in: text) == number)
    }

    @Test func numberScannerFindsNothingInText() {
        #expect(NumberScanner.firstNumber(in: "no digits here") == nil)
        #expect(NumberScanner.firstNumber(in: "") == nil)
    }

    @Test(arguments: [
        ("$.status", #"{"status": "ok"}"#, JSONValue.string("ok")),
        ("$.a.b[0].c", #"{"a": {"b": [{"c": 3}]}}"#, .number(3)),
        ("$.items[-1]", #"{"items": [1, 2, true]}"#, .bool(true)),
        (#"$["odd key"].x"#, #"{"odd key": {"x": null}}"#, .null),
        ("$['k']", #"{"k": [1, "a"]}"#, .array([.number(1), .string("a")])),
        ("$", "7", .number(7)),
        ("$[1]", "[1, 2]", .number(2)),
    ])
    func jsonPathFindsTheValue(path: String, json: String, value: JSONValue) throws {
        let jsonPath = try #require(JSONPath(path))
        #expect(jsonPath.value(in: Data(json.utf8)) == value)
    }

    @Test func jsonPathMissesAbsentValues() throws {
        let path = try #require(JSONPath("$.a[3]"))
        #expect(path.value(in: Data(#"{"a": [1]}"#.utf8)) == nil)
        #expect(path.value(in: Data(#"{"b": 1}"#.utf8)) == nil)
        #expect(path.value(in: Data("not json".utf8)) == nil)
        #expect(JSONPath("$.a.b")!.value(in: Data(#"{"a": "text"}"#.utf8)) == nil)
    }

    @Test(arguments: [
        ("status", "a path starts with '$'"),
        ("$.", "a name is missing after '.'"),
        ("$[x]", "'[x]' is not an index"),
        ("$[0", "'[' is not closed"),
        ("$['a]", "a quoted name must be closed"),
        ("$a", "unexpected 'a'"),
    ])
    func badJSONPathsAreExplained(path: String, problem: String) {
        #expect(JSONPath(path) == nil)
        #expect(JSONPath.problem(with: path)?.contains(problem) == true, "\(JSONPath.problem(with: path) ?? "nil")")
    }

    @Test func jsonValueMatcher() {
        #expect(JSONValueMatcher.equals(.number(200)).matches(.number(200.0)))
        #expect(!JSONValueMatcher.equals(.string("200")).matches(.number(200)))
        #expect(JSONValueMatcher.matches("^1\\.2").matches(.string("1.22")))
        #expect(JSONValueMatcher.matches("^\\[1,2\\]$").matches(.array([.number(1), .number(2)])))
        #expect(JSONValueMatcher.equals(.object(["a": .bool(true)])).description == #"equals {"a":true}"#)
    }

    @Test func jsonValuesRoundTrip() throws {
        let value = JSONValue.object(["a": .array([.number(1.5), .null, .bool(false), .string("x\"y")])])
        let data = try JSONEncoder().encode(value)
        #expect(JSONValue.parse(data) == value)
        #expect(value.jsonText == #"{"a":[1.5,null,false,"x\"y"]}"#)
    }

    @Test func yamlValuesBecomeJSONWithYAMLsTypes() throws {
        let parsed = try expectations(
            """
                expect:
                  json: [{path: $.a, equals: 200}, {path: $.a, equals: "200"}, {path: $.a, equals: true}, {path: $.a, equals: ~}, {path: $.a, equals: [1, {b: x}]}]
            """)
        let values = parsed.compactMap { expectation -> JSONValue? in
            if case let .json(_, .equals(value), _) = expectation { return value }
            return nil
        }
        #expect(
            values == [
                .number(200), .string("200"), .bool(true), .null,
                .array([.number(1), .object(["b": .string("x")])]),
            ])
    }
}
