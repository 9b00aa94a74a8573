import Foundation
import Testing
@testable import PatchLabModel

/// Small values of the plan model: durations, retries, display text, commands, coding.
@Suite struct PlanValueTests {
    @Test(arguments: [
        ("500ms", Duration.milliseconds(500)), ("30s", .seconds(30)), ("2m", .seconds(120)), ("1h", .seconds(3600)),
        ("1m30s", .seconds(90)), ("30", .seconds(30)), ("0.5", .milliseconds(500)), ("1.5s", .milliseconds(1500)),
        (" 10s ", .seconds(10)),
    ])
    func durationsParse(text: String, duration: Duration) {
        #expect(DurationText.parse(text) == duration)
    }

    @Test(arguments: ["", "s", "10 s", "-1s", "1d", "1.s", "5m5", "9999h"])
    func nonDurationsAreRefused(text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test func durationsFormatShortly() {
        #expect(DurationText.format(.milliseconds(500)) == "500ms")
        #expect(DurationText.format(.seconds(30)) == "30s")
        #expect(DurationText.format(.seconds(5400)) == "1h30m")
        #expect(DurationText.format(.milliseconds(1500)) == "1.5s")
        #expect(DurationText.format(.zero) == "0s")
    }

    @Test func retriesBackOffUpToACap() {
        let testCase = TestCase(
            id: "X-1", title: "t", functionality: "f", targets: [.role("web")],
            retries: 10, retryDelay: .seconds(2), check: [.run(.shell("true"))],
            expectations: [.exit(.equals(0))], planID: "X")
        #expect(
            (1...7).map { testCase.delay(beforeRetry: $0) }
                == [.seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(32), .seconds(60), .seconds(60)])
        var slow = testCase
        slow.retryDelay = .seconds(120)
        #expect(slow.delay(beforeRetry: 3) == .seconds(120))
    }

    @Test func commandsGiveTheirArgv() {
        #expect(Command.shell("systemctl restart nginx").commandLine == ["/bin/sh", "-c", "systemctl restart nginx"])
        #expect(Command.argv(["systemctl", "is-active", "nginx"]).path == "systemctl")
        #expect(Command.argv(["systemctl", "is-active", "nginx"]).arguments == ["is-active", "nginx"])
        #expect(Command.argv(["echo", "a b", "it's"]).description == #"echo 'a b' 'it'\''s'"#)
    }

    @Test func selectorsReadAndPrint() {
        #expect(MachineSelector("role:web") == .role("web"))
        #expect(MachineSelector("role: web") == .role("web"))
        #expect(MachineSelector("web-01") == .machine("web-01"))
        #expect(MachineSelector("Web") == nil)
        #expect(MachineSelector("role:") == nil)
        #expect(MachineSelector.role("web").description == "role:web")
    }

    @Test func displayTextEscapesControlCharacters() {
        #expect(DisplayText.quoted("a\nb\u{7}\u{9B}") == #""a\nb\u{7}\u{9B}""#)
        #expect(DisplayText.output("  \n") == "empty")
        #expect(DisplayText.quoted("abcdef", limit: 3) == "\"abc\"… (3 more characters)")
    }

    @Test func plansRoundTripThroughJSON() throws {
        let plan = try TestPlan.load(contentsOf: repositoryRoot + "/testplans/web.yaml")
        let data = try JSONEncoder().encode(plan)
        #expect(try JSONDecoder().decode(TestPlan.self, from: data) == plan)
    }
}
