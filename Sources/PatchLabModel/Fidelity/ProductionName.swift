/// The name of a production capture: its file is `NAME.json` in the production folder, and a lab
/// machine finds it by its `mirrors:` host name (or that name's first label).
public enum ProductionName {
    public static let shape = "a name of letters, digits, '.', '_' and '-' that starts with a letter or digit (at most 253)"

    public static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.utf8.count <= 253, isLetterOrDigit(first) else { return false }
        return name.unicodeScalars.allSatisfy { isLetterOrDigit($0) || "._-".unicodeScalars.contains($0) }
    }

    /// The name a capture of ssh destination `host` gets without `--as`: the host part of
    /// `[user@]host`, `ssh://[user@]host[:port]` or `[host]:port`, other characters as `-`.
    public static func from(host destination: String) -> String? {
        var host = Substring(destination)
        if host.hasPrefix("ssh://") { host = host.dropFirst(6) }
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            host = host[host.index(after: host.startIndex)..<close]
        } else if destination.hasPrefix("ssh://"), let colon = host.lastIndex(of: ":") {
            host = host[..<colon]
        }
        let cleaned = String(
            String.UnicodeScalarView(
                host.unicodeScalars.map {
                    isLetterOrDigit($0) || "._-".unicodeScalars.contains($0) ? $0 : "-"
                }))
        let trimmed = String(cleaned.drop { !isLetterOrDigit($0.unicodeScalars.first!) }.prefix(253))
        return isValid(trimmed) ? trimmed : nil
    }

    /// The names a machine mirroring `host` is looked up by, most precise first:
    /// `prod-web-01.example.com`, then `prod-web-01`.
    public static func candidates(forMirrors host: String) -> [String] {
        var names: [String] = []
        if isValid(host) { names.append(host) }
        if let short = host.split(separator: ".").first.map(String.init), short != host, isValid(short) { names.append(short) }
        return names
    }

    private static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}
