/// Whether a text shows anything to a reader. A required justification, incident, comment or
/// condition must: spaces are not enough, and neither are the characters that are letters to
/// Unicode but blank on every screen — U+2800 (braille blank), U+3164 and U+FFA0 (Hangul fillers),
/// U+115F/U+1160 (Hangul choseong/jungseong fillers) — nor format characters (zero-width spaces and
/// joiners, bidi marks, U+FEFF) and controls.
public enum VisibleText {
    static let blankLetters: Set<UInt32> = [0x2800, 0x3164, 0xFFA0, 0x115F, 0x1160, 0x180E]

    /// True for nil, and for a text with no character a reader would see.
    public static func isBlank(_ text: String?) -> Bool {
        guard let text else { return true }
        return text.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isWhitespace || blankLetters.contains(scalar.value)
                || [.format, .control, .spaceSeparator, .lineSeparator, .paragraphSeparator].contains(scalar.properties.generalCategory)
        }
    }
}
