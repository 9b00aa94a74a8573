internal import Yams

/// Turns the errors Yams throws into diagnostics at the place libyaml stopped.
enum YAMLSyntaxError {
    static func diagnostic(for error: any Error, in yaml: String, file: String) -> Diagnostic {
        guard let error = error as? YamlError else {
            return .error("cannot read YAML: \(error)", at: .start(of: file))
        }
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: file, line: mark.line, column: mark.column)
        }
        func message(_ problem: String, _ context: YamlError.Context?) -> String {
            // libyaml's context says what it was reading when it gave up ("while scanning a simple key"),
            // which is often where the real mistake is.
            guard let context else { return "invalid YAML: \(problem)" }
            return "invalid YAML: \(problem) (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
        }
        switch error {
        case let .scanner(context, problem, mark, _),
            let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            return .error(message(problem, context), at: at(mark))
        case let .reader(problem, offset, _, _):
            return .error("invalid YAML: \(problem)", at: location(ofCharacterOffset: offset, in: yaml, file: file))
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return .error("duplicate key \(keys) in a mapping; expected each key at most once", at: at(context.mark))
        default:
            return .error("cannot read YAML: \(error)", at: .start(of: file))
        }
    }

    private static func location(ofCharacterOffset offset: Int?, in yaml: String, file: String) -> SourceLocation {
        guard let offset else { return .start(of: file) }
        var line = 1, column = 1
        // "\r\n" is one Character, not equal to "\n": counting only "\n" put every problem of a CRLF
        // file on line 1. CR alone ends a line too, as libyaml counts lines.
        for character in yaml.prefix(offset) {
            if character == "\n" || character == "\r\n" || character == "\r" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}
