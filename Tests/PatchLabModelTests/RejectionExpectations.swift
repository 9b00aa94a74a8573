import Testing
@testable import PatchLabModel

/// The diagnostics a parse is rejected with; records an issue if it is accepted. `describe` names
/// what was parsed when it unexpectedly succeeds.
func rejectionDiagnostics<T>(
    _ parse: () throws -> T, describe: (T) -> String,
    sourceLocation: Testing.SourceLocation
) -> [Diagnostic] {
    do {
        let value = try parse()
        Issue.record("expected the file to be rejected, but it parsed as \(describe(value))", sourceLocation: sourceLocation)
        return []
    } catch let error as ModelError {
        return error.diagnostics
    } catch {
        Issue.record("expected a ModelError, got \(error)", sourceLocation: sourceLocation)
        return []
    }
}

/// Asserts exactly one error, at `expected` (`file:line:column`), whose message contains every
/// fragment (what was expected and what was found).
func expectOnlyError(
    _ diagnostics: [Diagnostic], at expected: String, mentions fragments: [String],
    sourceLocation: Testing.SourceLocation
) {
    #expect(diagnostics.count == 1, "got: \(diagnostics)", sourceLocation: sourceLocation)
    guard let diagnostic = diagnostics.first else { return }
    #expect(diagnostic.severity == .error, sourceLocation: sourceLocation)
    #expect(diagnostic.location.description == expected, "\(diagnostic)", sourceLocation: sourceLocation)
    for fragment in fragments {
        #expect(
            diagnostic.message.contains(fragment), "'\(fragment)' missing from: \(diagnostic.message)",
            sourceLocation: sourceLocation)
    }
}
