internal import Yams

/// YAML values as JSON, for `json: {equals: …}` in plans.
extension JSONValue {
    init(yaml node: Node) {
        switch node {
        case let .scalar(scalar):
            if scalar.style == .singleQuoted || scalar.style == .doubleQuoted
                || scalar.style == .literal || scalar.style == .folded
            {
                self = .string(scalar.string)
            } else if node.null != nil {
                self = .null
            } else if let flag = Bool.construct(from: scalar) {
                self = .bool(flag)
            } else if let number = Double.construct(from: scalar) {
                self = .number(number)
            } else {
                self = .string(scalar.string)
            }
        case let .sequence(sequence):
            self = .array(sequence.map { JSONValue(yaml: $0) })
        case let .mapping(mapping):
            var fields: [String: JSONValue] = [:]
            for (key, value) in mapping { fields[key.string ?? ""] = JSONValue(yaml: value) }
            self = .object(fields)
        case .alias:
            self = .null
        }
    }
}
