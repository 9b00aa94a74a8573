extension Array where Element == String {
    /// `a, b, c` for a message, cut after `limit` names (`a, b, … and 5,998 more`): a lab of thousands of
    /// networks would otherwise put all their names in every message about one of them.
    func listedForMessage(limit: Int = 20) -> String {
        guard count > limit else { return joined(separator: ", ") }
        return prefix(limit).joined(separator: ", ") + ", … and \(count - limit) more"
    }
}
