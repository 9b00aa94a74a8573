/// One fact on which a lab machine and its production host disagree: the same thing with another
/// value (a package at another version), or a thing one side has and the other lacks.
public struct FidelityDifference: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Both have it, with other values.
        case different
        /// Production has it, the lab does not.
        case missingInLab = "missing-in-lab"
        /// The lab has it, production does not.
        case onlyInLab = "only-in-lab"
    }

    public var kind: Kind
    /// What differs: a package or unit name, `tcp/80`, a path, or `os`, `kernel`, `arch`.
    public var key: String
    /// The lab's value; nil when the lab lacks it.
    public var lab: String?
    /// Production's value; nil when production lacks it.
    public var production: String?

    public init(kind: Kind, key: String, lab: String?, production: String?) {
        self.kind = kind
        self.key = key
        self.lab = lab
        self.production = production
    }

    /// For people: `nginx-light: lab 1.22.1-9+deb12u9, production 1.22.1-9+deb12u11`,
    /// `curl: missing in the lab (production 7.88.1-10+deb12u14)`, `busybox-static: only in the lab (1:1.35.0-4+b3)`.
    public var line: String {
        switch kind {
        case .different: return "\(key): lab \(lab ?? "unknown"), production \(production ?? "unknown")"
        case .missingInLab: return "\(key): missing in the lab" + (production.map { " (production \($0))" } ?? "")
        case .onlyInLab: return "\(key): only in the lab" + (lab.map { " (\($0))" } ?? "")
        }
    }
}
