import Foundation

/// Every problem found in one file, thrown together so a user can fix them all in one pass.
///
/// `description` prints one diagnostic per line, in reading order. Another module can raise a problem
/// found later (say, a missing image) at a location it kept: `throw ModelError(.error("…", at: loc))`.
public struct ModelError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// Never empty: an error with nothing to say would be useless to the user.
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        precondition(!diagnostics.isEmpty, "a ModelError needs at least one diagnostic")
        self.diagnostics = diagnostics.sortedStably()
    }

    public init(_ diagnostic: Diagnostic) {
        self.init([diagnostic])
    }

    /// A single error at a location.
    public init(_ message: String, at location: SourceLocation) {
        self.init(.error(message, at: location))
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }

    public var errorDescription: String? { description }
}
