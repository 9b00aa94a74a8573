/// Reads steps (`setup:`, `steps:`) and commands: `run`, `upload` and `wait`.
struct StepParser {
    static let stepKeys = ["run", "upload", "wait"]
    static let uploadKeys = ["source", "destination", "mode"]
    static let waitKeys = ["until", "timeout", "interval"]
    static let untilKeys = ["run", "expect"]
    static let defaultWaitTimeout = Duration.seconds(30)
    static let defaultWaitInterval = Duration.seconds(1)

    let session: PlanLoadSession
    /// "case WEB-001", for messages.
    let caseName: String

    /// A list of steps; with `requireRunLast`, the last one must be a run step (its result is checked).
    func parseList(_ value: YAMLValue, requireRunLast: Bool) -> [TestStep]? {
        guard let items = value.list() else { return nil }
        if items.isEmpty {
            value.error("expected at least one step in \(value.label), found an empty list")
            return nil
        }
        let steps = items.map(parseStep)
        guard steps.allSatisfy({ $0 != nil }) else { return nil }
        let result = steps.compactMap { $0 }
        if requireRunLast, !result.isEmpty, !Self.isRun(result[result.count - 1]) {
            items.last!.error(
                "the last of \(value.label) in \(caseName) is not a run step; expected the check to end "
                    + "with 'run' (its result is what 'expect' judges)")
            return nil
        }
        return result
    }

    private static func isRun(_ step: TestStep) -> Bool {
        if case .run = step { return true }
        return false
    }

    private func parseStep(_ item: YAMLValue) -> TestStep? {
        guard let fields = item.mapping(of: "step", keys: Self.stepKeys) else { return nil }
        // An unknown key was reported already; counting it again would only repeat the problem.
        if fields.entries.count < item.writtenKeyCount { return nil }
        guard fields.entries.count == 1, let (key, value) = fields.entries.first else {
            let found = fields.entries.isEmpty ? "none" : fields.entries.map(\.key.value).joined(separator: " and ")
            item.error("expected exactly one of run, upload, wait in a step, found \(found)")
            return nil
        }
        switch key.value {
        case "run": return parseCommand(value).map(TestStep.run)
        case "upload": return parseUpload(value)
        default: return parseWait(value)
        }
    }

    /// A string (run by `/bin/sh -c`) or a non-empty list of strings (the argv).
    func parseCommand(_ value: YAMLValue) -> Command? {
        if value.isList {
            guard let words = value.stringOrList() else { return nil }
            guard !words.isEmpty else {
                value.error("expected a command for \(value.label) (a shell string or a list of arguments), found an empty list")
                return nil
            }
            return .argv(words.map(\.value), location: value.location)
        }
        guard let script = value.scalarText, !value.isNull, !script.trimmingSpaces().isEmpty else {
            value.error("expected a command for \(value.label) (a shell string or a list of arguments), found \(value.found)")
            return nil
        }
        return .shell(script, location: value.location)
    }

    private func parseUpload(_ value: YAMLValue) -> TestStep? {
        guard let fields = value.mapping(of: "upload", keys: Self.uploadKeys) else { return nil }
        var source: String?
        if let sourceValue = fields.required("source"), let text = sourceValue.path() {
            // Relative to the file the step is written in (a template's file, for a template's step).
            let shown = PlanPaths.resolve(text.value, relativeTo: sourceValue.file)
            let absolute = PlanPaths.absolute(shown)
            if session.fileExists(absolute) {
                source = absolute
            } else {
                sourceValue.error(
                    "upload source '\(text.value)' \(InputFile.absence(of: absolute, shown: shown)); expected a file, relative to "
                        + "the plan's folder")
            }
        }
        let destination = fields.required("destination")?.string(
            expected: "an absolute guest path",
            where: PlanNameRules.isAbsolutePath)
        let modeValue = fields.optional("mode")
        let mode = modeValue?.string(expected: "an octal file mode such as \"0644\"") { text in
            (3...4).contains(text.count) && text.allSatisfy { ("0"..."7").contains($0) }
        }
        guard let source, let destination, modeValue == nil || mode != nil else { return nil }
        return .upload(source: source, destination: destination.value, mode: mode?.value)
    }

    private func parseWait(_ value: YAMLValue) -> TestStep? {
        guard let fields = value.mapping(of: "wait", keys: Self.waitKeys) else { return nil }
        var command: Command?
        var expectations: [Expectation]?
        var untilValid = false
        if let until = fields.required("until")?.mapping(of: "'until'", keys: Self.untilKeys) {
            command = until.required("run").flatMap(parseCommand)
            if let expect = until.optional("expect") {
                expectations = ExpectationParser(caseName: caseName, session: session).parseExpect(expect)
                untilValid = expectations != nil
            } else {
                untilValid = true
            }
        }
        let timeoutValue = fields.optional("timeout")
        let timeout = timeoutValue?.duration(atLeast: .milliseconds(1))
        let intervalValue = fields.optional("interval")
        let interval = intervalValue?.duration(atLeast: .milliseconds(1))
        guard let command, untilValid, timeoutValue == nil || timeout != nil,
            intervalValue == nil || interval != nil
        else { return nil }
        let deadline = timeout?.value ?? Self.defaultWaitTimeout
        let every = interval?.value ?? Self.defaultWaitInterval
        if every > deadline {
            (intervalValue ?? timeoutValue ?? value).error(
                "wait interval \(DurationText.format(every)) is longer than its timeout \(DurationText.format(deadline)); "
                    + "expected an interval shorter than the timeout")
            return nil
        }
        return .wait(
            until: command, expect: expectations ?? [.exit(.equals(0), location: command.location)],
            timeout: deadline, interval: every)
    }
}
