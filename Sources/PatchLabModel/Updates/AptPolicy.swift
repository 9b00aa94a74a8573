/// `apt-cache policy NAME…` read back: for each package, every version the archive offers and the
/// suites it is in, as apt's version table prints them:
///
/// ```
/// nginx-light:
///   Installed: (none)
///   Candidate: 1.22.1-9+deb12u11
///   Version table:
///      1.22.1-9+deb12u11 500
///         500 http://deb.debian.org/debian-security bookworm-security/main amd64 Packages
///      1.22.1-9+deb12u9 500
///         500 http://deb.debian.org/debian bookworm/main amd64 Packages
/// ```
public struct AptPolicy: Sendable, Hashable {
    public struct Version: Sendable, Hashable {
        public var version: String
        /// Archive suite names (`bookworm-security`), in the order apt lists them.
        public var suites: [String]
    }

    public var package: String
    /// apt's candidate, as it says; nil for `(none)`.
    public var candidate: String?
    public var versions: [Version]

    /// Every package the text describes, in order; lines it does not know are skipped.
    public static func parse(_ text: String) -> [AptPolicy] {
        var policies: [AptPolicy] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let indent = line.prefix { $0 == " " }.count
            let body = line.dropFirst(indent)
            if indent == 0, body.hasSuffix(":") {
                policies.append(AptPolicy(package: String(body.dropLast()), candidate: nil, versions: []))
                continue
            }
            guard !policies.isEmpty else { continue }
            let words = body.split(separator: " ")
            if body.hasPrefix("Candidate:") {
                let value = body.dropFirst("Candidate:".count).trimmingSpaces()
                policies[policies.count - 1].candidate = value == "(none)" ? nil : String(value)
            } else if body.hasPrefix("Installed:") || body.hasPrefix("Version table:") {
                continue
            } else if words.count == 2 || (words.count == 3 && words[0] == "***") {
                // A version line: `[***] VERSION PRIORITY`.
                let version = words.count == 3 ? words[1] : words[0]
                guard Int(words.last!) != nil, DebianVersion(String(version)) != nil else { continue }
                policies[policies.count - 1].versions.append(Version(version: String(version), suites: []))
            } else if words.count >= 4, Int(words[0]) != nil, !policies[policies.count - 1].versions.isEmpty {
                // An origin line: `PRIORITY URI SUITE/COMPONENT ARCH Packages`.
                let suite = words[2].split(separator: "/").first.map(String.init) ?? ""
                let last = policies[policies.count - 1].versions.count - 1
                if !suite.isEmpty { policies[policies.count - 1].versions[last].suites.append(suite) }
            }
        }
        return policies
    }
}
