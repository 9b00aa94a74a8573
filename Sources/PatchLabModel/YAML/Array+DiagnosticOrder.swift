extension Array where Element == Diagnostic {
    /// Reading order, keeping the order of discovery for problems at the same place.
    func sortedStably() -> [Diagnostic] {
        enumerated()
            .sorted { ($0.element.location, $0.offset) < ($1.element.location, $1.offset) }
            .map(\.element)
    }
}
