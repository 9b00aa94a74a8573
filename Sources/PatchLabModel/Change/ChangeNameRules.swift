/// The shapes of values in change files. A change id is what a ticketing system and the board quote
/// (`CHG-0001`), so it keeps the usual prefix-and-number form.
enum ChangeNameRules {
    static let idShape = "upper-case letters and digits starting with a letter, a '-', then digits, such as CHG-0001"
    static let sha256Shape = "a sha256 digest: 64 hexadecimal digits"

    /// `[A-Z][A-Z0-9]*-[0-9]+`.
    static func isValidID(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let first = parts[0].unicodeScalars.first, ("A"..."Z").contains(first),
            parts[0].unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) }),
            !parts[1].isEmpty, parts[1].unicodeScalars.allSatisfy({ ("0"..."9").contains($0) })
        else { return false }
        return true
    }

    /// 64 hex digits, either case (a digest copied from anywhere); stored lowercased.
    static func isValidSHA256(_ text: String) -> Bool {
        text.utf8.count == 64
            && text.unicodeScalars.allSatisfy {
                ("0"..."9").contains($0) || ("a"..."f").contains($0) || ("A"..."F").contains($0)
            }
    }
}
