/// The shapes of names in test plans. Plan and case ids are what a change board quotes, so they are
/// upper case (`WEB`, `WEB-001`); tags and template names are typed on command lines, so lower case.
enum PlanNameRules {
    static let idShape = "upper-case letters, digits and '-', starting with a letter, at most 40 characters"
    static let tagShape = "lowercase letters, digits, '-', '_' and '.', starting with a letter or digit"
    static let templateShape = "lowercase letters, digits and '-', starting with a letter"

    /// `[A-Z][A-Z0-9-]{0,39}`: plan and case ids.
    static func isValidID(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("A"..."Z").contains(first), text.count <= 40 else { return false }
        return text.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// `[a-z0-9][a-z0-9._-]*`: no spaces or commas, so `--tag a,b` can list them.
    static func isValidTag(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, isLowerOrDigit(first) else { return false }
        return text.unicodeScalars.allSatisfy { isLowerOrDigit($0) || "-_.".unicodeScalars.contains($0) }
    }

    /// Debian package names (`[a-z0-9][a-z0-9+.-]+`), optionally with `:arch`.
    static func isValidPackageName(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, let name = parts.first, name.count >= 2,
            let first = name.unicodeScalars.first, isLowerOrDigit(first),
            name.unicodeScalars.allSatisfy({ isLowerOrDigit($0) || "+.-".unicodeScalars.contains($0) })
        else { return false }
        guard parts.count == 2 else { return true }
        return !parts[1].isEmpty && parts[1].unicodeScalars.allSatisfy { isLowerOrDigit($0) || $0 == "-" }
    }

    /// systemd unit names: letters, digits and `:-_.\@`, not starting with `-` (it would read as an option).
    static func isValidUnitName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first != "-" else { return false }
        return text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || ":-_.\\@".unicodeScalars.contains($0)
        }
    }

    /// An absolute guest or host path with no control characters.
    static func isAbsolutePath(_ text: String) -> Bool {
        text.hasPrefix("/") && !text.unicodeScalars.contains { $0.value < 0x20 }
    }

    private static func isLowerOrDigit(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("0"..."9").contains(c)
    }
}
