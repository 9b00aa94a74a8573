/// How much a document may hold once its aliases are expanded, or how much it holds: values (every
/// scalar, list and mapping) and bytes of text in its values. A plan and all its includes share one.
///
/// Values bound the walks readers make; text bounds what they scan. Both matter: ten aliases of a
/// 60 KB text are ten values, but 600 KB for every check that reads them.
struct YAMLBudget: Sendable, Hashable {
    /// The largest plan we know of (1,000 cases) has about 25,000 values and 150 KB of text; a 1 MiB
    /// file of one-character list items has 500,000 values, which take seconds to read in a debug
    /// build. Text is the 1 MiB a file may hold, repeated by aliases up to four times over.
    static let document = YAMLBudget(values: 100_000, textBytes: 4 << 20)
    static let zero = YAMLBudget(values: 0, textBytes: 0)

    var values: Int
    var textBytes: Int

    mutating func add(_ other: YAMLBudget) {
        values += other.values
        textBytes += other.textBytes
    }

    /// What is left of this budget after `used` (never below zero).
    func remaining(after used: YAMLBudget) -> YAMLBudget {
        YAMLBudget(values: max(0, values - used.values), textBytes: max(0, textBytes - used.textBytes))
    }

    func fits(in budget: YAMLBudget) -> Bool {
        values <= budget.values && textBytes <= budget.textBytes
    }
}
