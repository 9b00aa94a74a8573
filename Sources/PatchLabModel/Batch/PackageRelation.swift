/// One package named in a `Depends`, `Pre-Depends` or `Breaks` field: `libssl3 (>= 3.0.22)`,
/// `libc6:any`, `nginx-common (= 1.22.1-9+deb12u11)`.
public struct PackageRelation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// dpkg's version relations (`<` and `>` are dpkg's obsolete spellings of `<=` and `>=`).
    public enum Operator: String, Sendable, Hashable, Codable, CaseIterable {
        case earlier = "<<", earlierOrEqual = "<=", equal = "=", laterOrEqual = ">=", later = ">>"
    }

    /// Without an architecture qualifier (`:any`, `:native` are dropped).
    public var name: String
    public var relation: Operator?
    public var version: String?

    public init(name: String, relation: Operator? = nil, version: String? = nil) {
        self.name = name
        self.relation = relation
        self.version = version
    }

    /// Whether a package of this name at `version` meets the relation; a missing package never does.
    public func admits(_ version: String?) -> Bool {
        guard let version else { return false }
        guard let relation, let wanted = self.version.flatMap(DebianVersion.init), let have = DebianVersion(version) else {
            return self.relation == nil
        }
        switch relation {
        case .earlier: return have < wanted
        case .earlierOrEqual: return have <= wanted
        case .equal: return have == wanted
        case .laterOrEqual: return have >= wanted
        case .later: return have > wanted
        }
    }

    public var description: String {
        guard let relation, let version else { return name }
        return "\(name) (\(relation.rawValue) \(version))"
    }

    /// A field's clauses, each a list of alternatives (`a | b`), as dpkg reads them; an item that
    /// cannot be read is left out (the field comes from a package file, and only the links it makes
    /// matter here).
    public static func parseField(_ text: String) -> [[PackageRelation]] {
        text.split(separator: ",").compactMap { clause in
            let alternatives = clause.split(separator: "|").compactMap { parseOne(String($0)) }
            return alternatives.isEmpty ? nil : alternatives
        }
    }

    static func parseOne(_ text: String) -> PackageRelation? {
        var rest = text.trimmingSpaces()
        // Build profiles and architecture lists (`<!nocheck>`, `[amd64]`) do not occur in binary
        // packages; a name ends at the first space or parenthesis.
        let nameEnd = rest.firstIndex { $0 == " " || $0 == "(" || $0 == "\t" } ?? rest.endIndex
        var name = String(rest[..<nameEnd])
        if let colon = name.firstIndex(of: ":") { name = String(name[..<colon]) }
        guard !name.isEmpty else { return nil }
        rest = rest[nameEnd...].trimmingSpaces()
        guard rest.hasPrefix("("), rest.hasSuffix(")") else { return rest.isEmpty ? PackageRelation(name: name) : nil }
        let inside = rest.dropFirst().dropLast().trimmingSpaces()
        let operatorEnd = inside.firstIndex { !"<>=".contains($0) } ?? inside.endIndex
        let spelled = String(inside[..<operatorEnd])
        let version = inside[operatorEnd...].trimmingSpaces()
        let relation: Operator? =
            switch spelled {
            case "<": .earlierOrEqual
            case ">": .laterOrEqual
            default: Operator(rawValue: spelled)
            }
        guard let relation, !version.isEmpty else { return nil }
        return PackageRelation(name: name, relation: relation, version: String(version))
    }
}
