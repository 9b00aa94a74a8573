internal import Yams

/// Reads one YAML file strictly and collects every problem found in it, each at its place.
///
/// The shared front end of every PatchLab file format (labs, test plans, changes, the board's
/// members): read a file with ``InputFile``, parse with
/// ``init(yaml:file:)``, walk the document with ``document(of:keys:)`` and the ``YAMLValue`` /
/// ``YAMLMapping`` accessors (each reports its own problems and returns nil), add format-specific
/// checks with ``error(_:at:)``, then call ``finish()`` to throw everything at once as a ``ModelError``.
///
/// Not `Sendable`: one reader belongs to one parse, on one thread.
public final class YAMLReader {
    /// The path used in every location, as the user gave it.
    public let file: String
    /// Every problem reported so far, in order of discovery.
    public private(set) var diagnostics: [Diagnostic] = []
    /// Nil after a syntax error or a refused structure, or for an empty document.
    private let rootNode: Node?
    /// True after a syntax error or a refused structure (so an empty root is not reported again).
    private let wasRefused: Bool
    /// What the document holds, aliases expanded (nothing when it was refused before counting).
    private(set) var size = YAMLBudget.zero

    /// Parses `yaml`; a syntax error becomes a diagnostic at the line and column libyaml reports.
    /// A document ``YAMLStructureCheck`` refuses (control characters, alias bombs, duplicate keys,
    /// too deep or too large) is not composed at all: its problems are the diagnostics.
    public convenience init(yaml text: String, file: String) {
        self.init(yaml: text, file: file, budget: .document, whole: "the document")
    }

    /// Parses `text` within `budget` (the rest of one several files share).
    init(yaml text: String, file: String, budget: YAMLBudget, whole: String) {
        self.file = file
        // A byte order mark starts many files saved on Windows; libyaml, told the encoding, would read
        // it as text.
        let yaml = text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
        let check = YAMLStructureCheck.check(yaml, file: file, budget: budget, whole: whole)
        size = check.size
        let problems = check.problems
        guard problems.isEmpty else {
            rootNode = nil
            wasRefused = true
            diagnostics = problems
            errorCount = problems.count
            return
        }
        do {
            rootNode = try Yams.compose(yaml: yaml)
            wasRefused = false
        } catch {
            rootNode = nil
            wasRefused = true
            report(YAMLSyntaxError.diagnostic(for: error, in: yaml, file: file))
        }
    }

    /// The document's root, or nil after a syntax error or for an empty document.
    public var root: YAMLValue? {
        rootNode.map { YAMLValue(node: $0, reader: self, label: "the document") }
    }

    /// The document as a mapping of `what` (e.g. "lab") with exactly the allowed `keys`. Reports an
    /// empty document or one that is not a mapping; a syntax error was already reported.
    public func document(of what: String, keys: [String]) -> YAMLMapping? {
        guard let root else {
            if !wasRefused {
                error(
                    "empty document; expected a \(what) (a mapping with keys \(keys.joined(separator: ", ")))",
                    at: .start(of: file))
            }
            return nil
        }
        return root.mapping(of: what, keys: keys)
    }

    /// Errors kept per file. A hostile file can hold hundreds of thousands of bad values; past this
    /// many, a note says more were found, and messages (with their did-you-mean hints) are no longer
    /// even built.
    public static let maximumErrors = 100

    private var errorCount = 0

    /// True once ``maximumErrors`` errors have been kept: later ones are counted in a note only.
    public var isFull: Bool { errorCount >= Self.maximumErrors }

    /// Records a problem; reading goes on so the user sees every problem at once.
    public func report(_ diagnostic: Diagnostic) {
        guard diagnostic.severity == .error else {
            diagnostics.append(diagnostic)
            return
        }
        countError(at: diagnostic.location) { diagnostic }
    }

    /// Records an error at a location. The message is only built while errors are still kept.
    public func error(_ message: @autoclosure () -> String, at location: SourceLocation) {
        countError(at: location) { .error(message(), at: location) }
    }

    private func countError(at location: SourceLocation, _ diagnostic: () -> Diagnostic) {
        errorCount += 1
        if errorCount <= Self.maximumErrors {
            diagnostics.append(diagnostic())
        } else if errorCount == Self.maximumErrors + 1 {
            diagnostics.append(
                Diagnostic(
                    .note, at: location,
                    "more problems follow; only the first \(Self.maximumErrors) errors are reported"))
        }
    }

    /// True once any error has been reported.
    public var hasErrors: Bool {
        errorCount > 0
    }

    /// Throws every diagnostic together as a ``ModelError`` if any of them is an error.
    public func finish() throws {
        if hasErrors { throw ModelError(diagnostics) }
    }

    func location(of node: Node) -> SourceLocation {
        location(of: node.mark)
    }

    func location(of mark: Mark?) -> SourceLocation {
        guard let mark else { return .start(of: file) }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }
}
