import Hummingbird

/// Header names the board sets or reads that HTTP's common names do not include. Spelled through
/// `HTTPFields.Element` because Hummingbird exports the header collection, not its element type.
enum BoardHeader {
    typealias Name = HTTPFields.Element.Name

    static let csrf = Name("X-CSRF-Token")!
    static let frameOptions = Name("X-Frame-Options")!
    static let referrerPolicy = Name("Referrer-Policy")!
}
