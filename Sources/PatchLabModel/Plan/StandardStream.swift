/// Which output of a command a matcher reads.
public enum StandardStream: String, Sendable, Hashable, Codable, CaseIterable {
    case stdout
    case stderr
}
