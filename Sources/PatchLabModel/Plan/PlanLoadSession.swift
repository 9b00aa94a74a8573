/// The shared state of one plan load, across the plan file and every file it includes: one reader
/// per file (each collects its own diagnostics), the case ids seen so far, and the files already read.
final class PlanLoadSession {
    /// Files one plan may be made of, itself included: each is read once, but 1 MiB each, without a
    /// cap a plan could make the loader read gigabytes.
    static let maximumFiles = 256
    /// Text read for the plan and all its includes together (each file has its own 1 MiB cap).
    static let maximumBytes = 4 << 20
    /// Values and text copied into cases by `use:` of templates, all cases together. A template of
    /// 2,000 values used by 1,000 cases would otherwise build two million.
    static let maximumExpansion = YAMLBudget.document

    /// What all files read so far hold, aliases expanded: the plan and its includes share the budget
    /// one file has, so a plan cannot get around it by splitting itself.
    private(set) var used = YAMLBudget.zero
    /// Bytes read so far, in all files.
    private(set) var bytes = 0
    /// What templates have copied into cases so far.
    var expanded = YAMLBudget.zero
    /// `matches:` patterns in all files: each is compiled to check it (about 25 µs each, so 30,000
    /// took most of a second). A plan has tens.
    static let maximumRegularExpressions = 5_000
    var regularExpressions = 0

    let loadInclude: (String) throws -> String
    let fileExists: (String) -> Bool
    private(set) var readers: [YAMLReader] = []
    /// Each file read, in the order read; the plan file first.
    private(set) var sourceFiles: [String] = []
    /// What each file gave, by its absolute path, so a file included twice (a diamond, not a cycle)
    /// is read once and its templates are still visible to the second includer.
    var results: [String: PlanFileResult] = [:]
    /// Each file's own `templates:`, by canonical path.
    var ownTemplates: [String: [PlanTemplate]] = [:]
    /// Where each case id was first defined.
    var caseIDs: [String: SourceLocation] = [:]

    init(loadInclude: @escaping (String) throws -> String, fileExists: @escaping (String) -> Bool) {
        self.loadInclude = loadInclude
        self.fileExists = fileExists
    }

    /// A reader for one more file of the plan.
    func reader(yaml: String, file: String) -> YAMLReader {
        let reader = YAMLReader(
            yaml: yaml, file: file, budget: YAMLBudget.document.remaining(after: used),
            whole: readers.isEmpty ? "the document" : "the plan and its includes")
        used.add(reader.size)
        bytes += yaml.utf8.count
        readers.append(reader)
        sourceFiles.append(file)
        return reader
    }

    /// Every diagnostic of every file, each once: a template used by several cases would otherwise
    /// report the same problem in it once per use.
    var diagnostics: [Diagnostic] {
        var seen: Set<Diagnostic> = []
        return readers.flatMap(\.diagnostics).filter { seen.insert($0).inserted }
    }
}
