import Foundation

extension TestPlan {
    /// Reads and validates a plan file and every file it includes (relative to the including file).
    /// Upload sources must exist; whether `on:` matches a lab is ``check(against:)``'s business.
    ///
    /// - Throws: ``ModelError`` with every problem found, each at its file:line:column.
    public static func load(contentsOf path: String) throws -> TestPlan {
        try parse(yaml: InputFile.text(of: path, what: "test plan file"), file: path)
    }

    /// Validates a plan given as text. `file` is used in locations and to resolve relative paths;
    /// `loadInclude` reads an included plan (given its path resolved against the including file),
    /// and `fileExists` answers for upload sources (given absolute paths). Both default to the disk
    /// (regular files only, read with ``InputFile``); tests pass in-memory files.
    ///
    /// - Throws: ``ModelError`` with every problem found, each at its file:line:column.
    public static func parse(
        yaml: String, file: String,
        loadInclude: (String) throws -> String = { try InputFile.read($0) },
        fileExists: (String) -> Bool = { InputFile.regularFileProblem($0) == nil }
    ) throws -> TestPlan {
        try withoutActuallyEscaping(loadInclude) { loadInclude in
            try withoutActuallyEscaping(fileExists) { fileExists in
                let session = PlanLoadSession(loadInclude: loadInclude, fileExists: fileExists)
                return try parse(yaml: yaml, file: file, session: session)
            }
        }
    }

    private static func parse(yaml: String, file: String, session: PlanLoadSession) throws -> TestPlan {
        let reader = session.reader(yaml: yaml, file: file)
        let parser = PlanFileParser(
            reader: reader, session: session,
            stack: [(PlanPaths.canonical(file), file)], inherited: CaseDefaults())
        let result = parser.parse()
        if result.cases.isEmpty, !reader.hasErrors, session.diagnostics.isEmpty, reader.root != nil {
            reader.error(
                "plan has no cases; expected at least one case under 'cases:' (or in an included plan)",
                at: result.location)
        }
        let diagnostics = session.diagnostics
        if diagnostics.contains(where: { $0.severity == .error }) { throw ModelError(diagnostics) }
        guard let id = result.id, let title = result.title, let version = result.version, let owner = result.owner else {
            // Every missing part has been reported; this guards against a missed report.
            throw ModelError("test plan could not be read (no specific problem was reported)", at: .start(of: file))
        }
        return TestPlan(
            id: id, title: title, version: version, owner: owner, description: result.description,
            applications: result.applications, tags: result.tags, cases: result.cases, file: file,
            sourceFiles: session.sourceFiles, location: result.location)
    }
}
