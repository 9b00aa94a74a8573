import Foundation

extension Expectation {
    /// Judges this expectation on the output of its ``probe`` or, for an output matcher, of the
    /// case's check command. Pure: the same output always gives the same outcome.
    public func evaluate(probeOutput output: ProbeOutput) -> ExpectationOutcome {
        let expected = description
        func outcome(_ passed: Bool, _ actual: String) -> ExpectationOutcome {
            ExpectationOutcome(passed: passed, expected: expected, actual: actual)
        }
        // A guest-fact probe exits 0 whenever it gathered its fact; anything else means it could not.
        if !judgesCheckOutput, output.exitCode != 0 {
            let stderr = DisplayText.output(output.stderrText)
            return ExpectationOutcome(
                passed: false, expected: expected,
                actual: "could not check: the probe exited with status \(output.exitCode), stderr \(stderr)",
                inconclusive: true)
        }
        switch self {
        case let .exit(matcher, _):
            return outcome(matcher.matches(output.exitCode), "exit status was \(output.exitCode)")

        case let .stdout(matcher, _), let .stderr(matcher, _):
            let stream: StandardStream = matcherName == "stdout" ? .stdout : .stderr
            let text = output.text(of: stream)
            return outcome(matcher.matches(text), "\(stream.rawValue) was \(DisplayText.output(text))")

        case let .json(path, matcher, _):
            guard let document = JSONValue.parse(output.stdout) else {
                return outcome(false, "stdout is not JSON: \(DisplayText.output(output.stdoutText))")
            }
            guard let value = path.value(in: document) else {
                return outcome(false, "stdout has no value at \(path): \(DisplayText.quoted(document.jsonText))")
            }
            return outcome(matcher.matches(value), "the JSON value at \(path) was \(Self.shortJSON(value))")

        case let .number(stream, min, max, _):
            let text = output.text(of: stream)
            guard let number = NumberScanner.firstNumber(in: text) else {
                return outcome(false, "\(stream.rawValue) has no number: \(DisplayText.output(text))")
            }
            let inRange = (min.map { number >= $0 } ?? true) && (max.map { number <= $0 } ?? true)
            return outcome(inRange, "the number in \(stream.rawValue) was \(JSONValue.format(number))")

        case let .file(path, exists, sha256, contains, _):
            return evaluateFile(output, path: path, exists: exists, sha256: sha256, contains: contains)

        case let .service(name, state, enabled, _):
            let facts = Self.keyValues(output.stdoutText)
            guard let active = facts["active"], !active.isEmpty else {
                return ExpectationOutcome(
                    passed: false, expected: expected,
                    actual: "could not check: systemctl gave no state for \(name)",
                    inconclusive: true)
            }
            let enabledText = facts["enabled"] ?? ""
            let isEnabled = ["enabled", "enabled-runtime"].contains(enabledText)
            let passed = active == state.rawValue && (enabled.map { $0 == isEnabled } ?? true)
            let boot = enabledText.isEmpty ? "has no unit file" : (isEnabled ? "enabled" : enabledText)
            return outcome(passed, "service \(name) is \(active) and \(boot)")

        case let .package(name, matcher, _):
            let instances = output.stdoutText.split(separator: "\n").map { line in
                let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
                return (status: String(parts[0]), version: parts.count > 1 ? String(parts[1]) : "")
            }
            // dpkg's status is "want flag state"; only the state "installed" means installed.
            guard let installed = instances.first(where: { $0.status.split(separator: " ").last == "installed" }) else {
                let state = instances.first.map { " (dpkg status: \($0.status))" } ?? ""
                return outcome(false, "package \(name) is not installed\(state)")
            }
            guard let version = DebianVersion(installed.version) else {
                return ExpectationOutcome(
                    passed: false, expected: expected,
                    actual: "could not check: dpkg printed version \(DisplayText.quoted(installed.version))",
                    inconclusive: true)
            }
            return outcome(matcher.matches(version), "package \(name) is at version \(version)")

        case let .port(number, proto, listening, _):
            guard let table = ProcNetTable(output.stdoutText) else {
                return ExpectationOutcome(
                    passed: false, expected: expected,
                    actual: "could not check: no socket table in \(DisplayText.output(output.stdoutText))",
                    inconclusive: true)
            }
            let sockets = table.listening(on: number, protocol: proto)
            if sockets.isEmpty {
                let others = Set(table.listening(on: nil, protocol: proto).map(\.port)).sorted()
                let list = others.isEmpty ? "none" : others.prefix(20).map(String.init).joined(separator: ", ")
                return outcome(
                    !listening,
                    "\(proto.title) port \(number) is not listening "
                        + "(listening \(proto.title) ports: \(list))")
            }
            var addresses: [String] = []
            for socket in sockets where !addresses.contains(socket.address) { addresses.append(socket.address) }
            return outcome(listening, "\(proto.title) port \(number) is listening on \(addresses.joined(separator: ", "))")

        case let .http(url, status, body, _):
            let text = output.stdoutText
            let firstLine = text.prefix { $0 != "\n" }
            let facts = Self.keyValues(String(firstLine), separator: " ")
            guard let code = facts["status"].flatMap({ Int($0) }), let curl = facts["curl"] else {
                return ExpectationOutcome(
                    passed: false, expected: expected,
                    actual: "could not check: curl gave no status in \(DisplayText.output(text))",
                    inconclusive: true)
            }
            if code == 0 {
                return outcome(false, "GET \(url) failed (curl exit \(curl)): \(DisplayText.output(output.stderrText))")
            }
            let bodyText = String(text.dropFirst(firstLine.count + 1))
            let passed = code == status && (body?.matches(bodyText) ?? true)
            let shownBody = body == nil ? "" : " with body \(DisplayText.output(bodyText))"
            return outcome(passed, "GET \(url) answered status \(code)\(shownBody)")
        }
    }

    private func evaluateFile(
        _ output: ProbeOutput, path: String, exists: Bool, sha256: String?,
        contains: String?
    ) -> ExpectationOutcome {
        let expected = description
        let facts = Self.keyValues(output.stdoutText)
        func inconclusive(_ what: String) -> ExpectationOutcome {
            ExpectationOutcome(passed: false, expected: expected, actual: "could not check: \(what)", inconclusive: true)
        }
        switch facts["state"] {
        case "absent":
            return ExpectationOutcome(passed: !exists, expected: expected, actual: "file \(path) does not exist")
        case "directory":
            let onlyExistence = exists && sha256 == nil && contains == nil
            return ExpectationOutcome(passed: onlyExistence, expected: expected, actual: "\(path) is a directory")
        case "present":
            guard exists else {
                return ExpectationOutcome(passed: false, expected: expected, actual: "file \(path) exists")
            }
            var passed = true
            var parts = ["file \(path) exists"]
            if let sha256 {
                guard let actual = facts["sha256"], !actual.isEmpty else { return inconclusive("no sha256 for \(path)") }
                passed = passed && actual.lowercased() == sha256.lowercased()
                parts.append("has sha256 \(actual)")
            }
            if let contains {
                guard let found = facts["contains"] else { return inconclusive("grep gave no answer for \(path)") }
                passed = passed && found == "yes"
                parts.append((found == "yes" ? "contains " : "does not contain ") + DisplayText.quoted(contains))
            }
            return ExpectationOutcome(passed: passed, expected: expected, actual: parts.joined(separator: " and "))
        default:
            return inconclusive("no state for \(path) in \(DisplayText.output(output.stdoutText))")
        }
    }

    /// `key=value` pairs, one per line (or per `separator`); the first of a key wins.
    private static func keyValues(_ text: String, separator: Character = "\n") -> [String: String] {
        var facts: [String: String] = [:]
        for item in text.split(separator: separator) {
            guard let equals = item.firstIndex(of: "=") else { continue }
            let key = String(item[..<equals])
            if facts[key] == nil { facts[key] = String(item[item.index(after: equals)...]) }
        }
        return facts
    }

    private static func shortJSON(_ value: JSONValue) -> String {
        let text = value.jsonText
        return text.count > 200 ? String(text.prefix(200)) + "… (\(text.count - 200) more characters)" : text
    }
}
