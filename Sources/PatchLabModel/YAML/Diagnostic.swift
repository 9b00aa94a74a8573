/// One problem found in a file, at a place: printed as `file:line:column: error: message`.
///
/// By convention the message says what was wrong, what was expected and what was found, e.g.
/// `unknown key 'memroy' in machine; expected one of: name, role, …`.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How bad the problem is. Only errors stop a file from loading.
    public enum Severity: String, Sendable, Hashable, Codable {
        case error
        case warning
        case note
    }

    public var location: SourceLocation
    public var severity: Severity
    public var message: String

    public init(_ severity: Severity = .error, at location: SourceLocation, _ message: String) {
        self.location = location
        self.severity = severity
        self.message = message
    }

    /// An error at a location: the usual way to build one, here or in another module.
    public static func error(_ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, at: location, message)
    }

    public var description: String {
        "\(location): \(severity.rawValue): \(message)"
    }
}
