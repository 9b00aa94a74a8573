/// Reads sizes the way people write them in ops files (`512`, `512M`, `512 MiB`, `1G`, `1.5 GiB`)
/// as a whole number of MiB, the unit libvirt's memory and our limits are stated in.
public enum MebibyteSize {
    /// MiB per unit. Decimal units (`MB`, `GB`) are read as their binary twins because that is what
    /// people mean for RAM; `K`/`KiB` are left out since sub-MiB memory sizes are always a mistake.
    static let units: [String: Double] = [
        "": 1, "m": 1, "mi": 1, "mib": 1, "mb": 1,
        "g": 1024, "gi": 1024, "gib": 1024, "gb": 1024,
        "t": 1024 * 1024, "ti": 1024 * 1024, "tib": 1024 * 1024, "tb": 1024 * 1024,
    ]

    /// The size in MiB, or nil when the text is not a size or not a whole number of MiB.
    public static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingSpaces()
        let numberEnd = trimmed.firstIndex { !($0.isASCII && ($0.isNumber || $0 == ".")) } ?? trimmed.endIndex
        let number = trimmed[..<numberEnd]
        let unit = trimmed[numberEnd...].trimmingSpaces().lowercased()
        guard !number.isEmpty, number.first != ".", number.last != ".",
            let amount = Double(number), let perUnit = units[unit]
        else { return nil }
        let mebibytes = amount * perUnit
        guard mebibytes.rounded() == mebibytes, mebibytes < Double(Int32.max) else { return nil }
        return Int(mebibytes)
    }

    /// `512 MiB`, or `2 GiB` when that is exact: how sizes are shown back to the user.
    public static func format(_ mebibytes: Int) -> String {
        if mebibytes >= 1024, mebibytes % 1024 == 0 { return "\(mebibytes / 1024) GiB" }
        return "\(mebibytes) MiB"
    }
}
