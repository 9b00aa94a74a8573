import Foundation

/// A simple JSONPath: `$`, then `.name`, `["name"]` / `['name']` and `[index]` steps (a negative
/// index counts from the end). Enough to reach one value in a command's JSON output; no wildcards,
/// filters or recursive descent, so a path always names at most one value.
public struct JSONPath: Sendable, Hashable, Codable, CustomStringConvertible {
    /// One step from a value to a part of it.
    public enum Component: Sendable, Hashable, Codable {
        case key(String)
        case index(Int)
    }

    public let components: [Component]
    /// The path as written.
    public let description: String

    /// Parses a path; ``problem(with:)`` says why one is refused.
    public init?(_ text: String) {
        guard case let .success(components) = Self.read(text) else { return nil }
        self.components = components
        self.description = text
    }

    /// What is wrong with `text` as a path, or nil when it is valid.
    public static func problem(with text: String) -> String? {
        if case let .failure(problem) = read(text) { return problem.message }
        return nil
    }

    /// The value the path names in `value`, or nil when some step does not exist.
    public func value(in value: JSONValue) -> JSONValue? {
        var current = value
        for component in components {
            switch (component, current) {
            case let (.key(key), .object(fields)):
                guard let next = fields[key] else { return nil }
                current = next
            case let (.index(index), .array(items)):
                let position = index < 0 ? items.count + index : index
                guard items.indices.contains(position) else { return nil }
                current = items[position]
            default:
                return nil
            }
        }
        return current
    }

    /// The value the path names in JSON text; nil when the text is not JSON or the value is absent.
    public func value(in data: Data) -> JSONValue? {
        JSONValue.parse(data).flatMap { value(in: $0) }
    }

    private struct Problem: Error { var message: String }

    private static func read(_ text: String) -> Result<[Component], Problem> {
        let characters = Array(text)
        guard characters.first == "$" else { return .failure(Problem(message: "a path starts with '$'")) }
        var components: [Component] = []
        var index = 1
        while index < characters.count {
            switch characters[index] {
            case ".":
                index += 1
                let start = index
                while index < characters.count, characters[index] != ".", characters[index] != "[" { index += 1 }
                guard index > start else { return .failure(Problem(message: "a name is missing after '.'")) }
                components.append(.key(String(characters[start..<index])))
            case "[":
                index += 1
                guard index < characters.count else { return .failure(Problem(message: "'[' is not closed")) }
                if characters[index] == "\"" || characters[index] == "'" {
                    let quote = characters[index]
                    index += 1
                    let start = index
                    while index < characters.count, characters[index] != quote { index += 1 }
                    guard index + 1 < characters.count, characters[index + 1] == "]" else {
                        return .failure(Problem(message: "a quoted name must be closed by \(quote)]"))
                    }
                    components.append(.key(String(characters[start..<index])))
                    index += 2
                } else {
                    let start = index
                    while index < characters.count, characters[index] != "]" { index += 1 }
                    guard index < characters.count else { return .failure(Problem(message: "'[' is not closed")) }
                    let inside = String(characters[start..<index])
                    guard let position = Int(inside) else {
                        return .failure(Problem(message: "'[\(inside)]' is not an index; expected a number or a quoted name"))
                    }
                    components.append(.index(position))
                    index += 1
                }
            default:
                return .failure(Problem(message: "unexpected '\(characters[index])'; expected '.' or '[' between steps"))
            }
        }
        return .success(components)
    }
}
