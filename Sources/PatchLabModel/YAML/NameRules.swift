/// The shapes of names in lab files. Names end up inside libvirt object names (with a run prefix), so
/// they are kept short, lowercase and free of characters that need quoting anywhere.
enum NameRules {
    static let maximumLength = 24
    static let nameShape = "lowercase letters, digits and '-', starting with a letter, at most 24 characters"
    static let roleShape = "lowercase letters, digits and '-', starting with a letter"
    static let imageNameShape = "letters, digits, '.', '_' and '-', starting with a letter or digit"

    /// `[a-z][a-z0-9-]{0,23}`: lab, machine, host and network names.
    static func isValidName(_ text: String) -> Bool {
        text.count <= maximumLength && isValidRole(text)
    }

    /// `[a-z][a-z0-9-]*`.
    static func isValidRole(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, isLowercaseLetter(first) else { return false }
        return text.unicodeScalars.allSatisfy { isLowercaseLetter($0) || isDigit($0) || $0 == "-" }
    }

    /// `[A-Za-z0-9][A-Za-z0-9._-]*`: golden image names, which become file names.
    static func isValidImageName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, isLetter(first) || isDigit(first) else { return false }
        return text.unicodeScalars.allSatisfy { isLetter($0) || isDigit($0) || "._-".unicodeScalars.contains($0) }
    }

    private static func isLowercaseLetter(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) }
    private static func isLetter(_ c: Unicode.Scalar) -> Bool { isLowercaseLetter(c) || ("A"..."Z").contains(c) }
    private static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
}
