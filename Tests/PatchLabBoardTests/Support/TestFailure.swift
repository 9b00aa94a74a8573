/// A test's own failure with a message (a server that never listened, a browser that said no).
struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
