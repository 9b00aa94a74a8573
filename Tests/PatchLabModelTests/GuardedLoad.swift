import Foundation
import Testing
@testable import PatchLabModel

/// What a loader did with one input, measured by ``ResourceGuard``.
struct GuardedLoad {
    var measurement: ResourceGuard.Measurement
    /// The diagnostics of the `ModelError` it threw; nil when it accepted the input or threw another error.
    var diagnostics: [Diagnostic]?
    var accepted: Bool
    /// Any error that is not a `ModelError`.
    var otherError: String?

    /// Runs `load` under the guard.
    static func run(wallLimit: Double = 20, _ load: @escaping @Sendable () throws -> Void) -> GuardedLoad {
        let box = OutcomeBox()
        let measurement = ResourceGuard.measure(wallLimit: wallLimit) {
            do {
                try load()
                box.set(nil, accepted: true, other: nil)
            } catch let error as ModelError {
                box.set(error.diagnostics, accepted: false, other: nil)
            } catch {
                box.set(nil, accepted: false, other: "\(error)")
            }
        }
        let outcome = box.get()
        return GuardedLoad(
            measurement: measurement, diagnostics: outcome.diagnostics,
            accepted: measurement.finished && outcome.accepted, otherError: outcome.other)
    }

    /// The first error messages, one per line and each cut short, for failure messages.
    var errorText: String {
        diagnostics.map { $0.prefix(10).map { String($0.description.prefix(300)) }.joined(separator: "\n") }
            ?? otherError ?? (accepted ? "accepted" : "no outcome")
    }

    /// Records an issue unless the input was refused, within the limits, with an error whose message
    /// contains every fragment.
    func expectRefused(
        mentioning fragments: [String], _ what: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        ResourceGuard.expectWithinLimits(measurement, what, sourceLocation: sourceLocation)
        guard measurement.finished else { return }
        let errors = (diagnostics ?? []).filter { $0.severity == .error }
        #expect(!errors.isEmpty, "\(what): expected a refusal, got: \(errorText)", sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(
                errors.contains { $0.message.contains(fragment) },
                "\(what): no error mentions '\(fragment)'; got:\n\(errorText)", sourceLocation: sourceLocation)
        }
    }

    private final class OutcomeBox: @unchecked Sendable {
        private let lock = NSLock()
        private var diagnostics: [Diagnostic]?
        private var accepted = false
        private var other: String?

        func set(_ diagnostics: [Diagnostic]?, accepted: Bool, other: String?) {
            lock.lock()
            self.diagnostics = diagnostics
            self.accepted = accepted
            self.other = other
            lock.unlock()
        }

        func get() -> (diagnostics: [Diagnostic]?, accepted: Bool, other: String?) {
            lock.lock()
            defer { lock.unlock() }
            return (diagnostics, accepted, other)
        }
    }
}
