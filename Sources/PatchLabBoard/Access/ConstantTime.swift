/// Comparison whose time does not depend on where two secrets first differ, so a CSRF token cannot
/// be guessed a byte at a time from response times.
enum ConstantTime {
    static func equal(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8), b = Array(rhs.utf8)
        // The length of a token is no secret (all are 43 characters); only its bytes are.
        guard a.count == b.count, !a.isEmpty else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
