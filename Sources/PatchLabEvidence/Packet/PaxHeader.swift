/// A pax extended header (`x`), as GNU tar and Python write one for a path too long for ustar: the
/// records `LENGTH KEY=VALUE\n`, of which only `path` and `size` change the next entry. Sparse-file
/// records are kept so the reader can refuse them; every other key (times, owners, charset) is
/// ignored, as nothing of them is trusted.
struct PaxHeader {
    var path: [UInt8]?
    var size: Int64?
    var linkPath: [UInt8]?
    var isSparse = false

    struct Invalid: Error { var reason: String }

    init(_ data: [UInt8]) throws(Invalid) {
        var rest = data[...]
        while !rest.isEmpty {
            // LENGTH counts the whole record: its own digits, the space, KEY=VALUE and the newline.
            let digits = rest.prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            guard !digits.isEmpty, digits.count <= 8, rest.dropFirst(digits.count).first == UInt8(ascii: " "),
                let length = Int(String(decoding: digits, as: UTF8.self)), length > digits.count + 1, length <= rest.count,
                rest[rest.startIndex + length - 1] == UInt8(ascii: "\n")
            else {
                throw Invalid(reason: "a pax header record is malformed at byte \(rest.startIndex)")
            }
            let record = rest[(rest.startIndex + digits.count + 1)..<(rest.startIndex + length - 1)]
            guard let equals = record.firstIndex(of: UInt8(ascii: "=")), equals > record.startIndex else {
                throw Invalid(reason: "a pax header record has no KEY=VALUE at byte \(rest.startIndex)")
            }
            let key = String(decoding: record[..<equals], as: UTF8.self)
            let value = Array(record[(equals + 1)...])
            switch key {
            case "path": path = value
            case "linkpath": linkPath = value
            case "size":
                guard !value.isEmpty, value.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
                    let number = Int64(String(decoding: value, as: UTF8.self))
                else {
                    throw Invalid(reason: "its pax size '\(String(decoding: value, as: UTF8.self))' is not a size")
                }
                size = number
            default:
                if key.hasPrefix("GNU.sparse.") { isSparse = true }
            }
            rest = rest.dropFirst(length)
        }
    }
}
