extension Expectation: CustomStringConvertible {
    /// The expected result in a test plan's words ("stdout equals \"active\"", "package nginx-light is
    /// at version 1.22.1-9"): reports print it as the "expected" value.
    public var description: String {
        switch self {
        case let .exit(matcher, _):
            return "exit status \(matcher.description)"
        case let .stdout(matcher, _):
            return "stdout \(matcher.description)"
        case let .stderr(matcher, _):
            return "stderr \(matcher.description)"
        case let .json(path, matcher, _):
            return "the JSON value at \(path) \(matcher.description)"
        case let .number(stream, min, max, _):
            let range: String
            switch (min, max) {
            case let (min?, max?): range = "is between \(JSONValue.format(min)) and \(JSONValue.format(max))"
            case let (min?, nil): range = "is at least \(JSONValue.format(min))"
            case let (nil, max?): range = "is at most \(JSONValue.format(max))"
            case (nil, nil): range = "is any number"
            }
            return "the number in \(stream.rawValue) \(range)"
        case let .file(path, exists, sha256, contains, _):
            guard exists else { return "file \(path) does not exist" }
            var parts = ["file \(path) exists"]
            if let sha256 { parts.append("has sha256 \(sha256)") }
            if let contains { parts.append("contains \(DisplayText.quoted(contains))") }
            return parts.joined(separator: " and ")
        case let .service(name, state, enabled, _):
            let boot = enabled.map { $0 ? " and enabled" : " and not enabled" } ?? ""
            return "service \(name) is \(state.rawValue)\(boot)"
        case let .package(name, version, _):
            return "package \(name) \(version.description)"
        case let .port(number, proto, listening, _):
            return "\(proto.title) port \(number) is \(listening ? "listening" : "not listening")"
        case let .http(url, status, body, _):
            let bodyPart = body.map { " and its body \($0.description)" } ?? ""
            return "GET \(url) answers status \(status)\(bodyPart)"
        }
    }
}
