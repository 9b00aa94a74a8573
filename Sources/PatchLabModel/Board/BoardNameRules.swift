/// The shapes of values in the board members file, checked character by character.
///
/// Not with a regular expression: `$` in `^[a-z]…$` also matches before a final line break, so
/// `id: "alice\n"` (a `|` block gives one) passed as `alice`'s twin.
enum BoardNameRules {
    static let idShape = "a member id: lower-case letters, digits, '.', '_' or '-', starting with a letter"
    static let secretShape = "a bcrypt hash ($2a$, $2b$ or $2y$…), from `patchlab board secret`"

    /// `[a-z][a-z0-9._-]*`, the whole text.
    static func isValidMemberID(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0) }
    }

    /// `$2a$`, `$2b$` or `$2y$`, two cost digits, `$`, then 53 characters of bcrypt's base 64: the whole text.
    static func isValidSecretHash(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 7 + 53, scalars[0] == "$", scalars[1] == "2", "aby".unicodeScalars.contains(scalars[2]),
            scalars[3] == "$", ("0"..."9").contains(scalars[4]), ("0"..."9").contains(scalars[5]), scalars[6] == "$"
        else {
            return false
        }
        return scalars[7...].allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "/"
        }
    }
}
