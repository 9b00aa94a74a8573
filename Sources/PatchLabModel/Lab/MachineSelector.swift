/// Which lab machines a test case runs on, as `on:` names them: a machine by name (`web-01`) or
/// every machine with a role (`role:web`).
public enum MachineSelector: Sendable, Hashable, CustomStringConvertible {
    case machine(String)
    case role(String)

    /// Reads `web-01` or `role:web` (a space after the colon is allowed); nil when a name does not
    /// have a machine name's or role's shape.
    public init?(_ text: String) {
        let trimmed = text.trimmingSpaces()
        if trimmed.hasPrefix("role:") {
            let role = trimmed.dropFirst("role:".count).trimmingSpaces()
            guard NameRules.isValidRole(role) else { return nil }
            self = .role(role)
        } else {
            guard NameRules.isValidName(trimmed) else { return nil }
            self = .machine(trimmed)
        }
    }

    /// As written in plans: `web-01` or `role:web`.
    public var description: String {
        switch self {
        case let .machine(name): return name
        case let .role(role): return "role:\(role)"
        }
    }

    /// True when `machine` is one this selector picks.
    public func selects(_ machine: Machine) -> Bool {
        switch self {
        case let .machine(name): return machine.name == name
        case let .role(role): return machine.role == role
        }
    }
}

/// Stored as the plan text (`role:web`), so JSON results read like the plan.
extension MachineSelector: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let selector = MachineSelector(text) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "invalid machine selector '\(text)'"))
        }
        self = selector
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
