import Foundation

extension Change {
    /// Reads and validates a change file. The lab, the plans and the patch files it names must exist
    /// (relative to the change file's folder), and its `sha256_file`, if any, is read; whether the
    /// deployment's machines are in the lab is ``check(against:)-(Lab)``'s business.
    ///
    /// - Throws: ``ModelError`` with every problem found, each at its file:line:column.
    public static func load(contentsOf path: String) throws -> Change {
        try parse(yaml: InputFile.text(of: path, what: "change file"), file: path)
    }

    /// Validates a change given as text. `file` is used in locations and to resolve relative paths;
    /// `fileExists` answers for the lab, plans, patch files and sha256_file (given absolute paths),
    /// and `readFile` reads the sha256_file (given its absolute path). Both default to the disk;
    /// tests pass in-memory files.
    ///
    /// - Throws: ``ModelError`` with every problem found, each at its file:line:column.
    public static func parse(
        yaml: String, file: String,
        fileExists: (String) -> Bool = Change.regularFileExists,
        readFile: (String) throws -> String = { try InputFile.read($0) }
    ) throws -> Change {
        try withoutActuallyEscaping(fileExists) { fileExists in
            try withoutActuallyEscaping(readFile) { readFile in
                let reader = YAMLReader(yaml: yaml, file: file)
                let change = ChangeParser(reader: reader, fileExists: fileExists, readFile: readFile).parse()
                try reader.finish()
                guard let change else {
                    // The parser returns nil only after reporting why; this guards against a missed report.
                    throw ModelError("change could not be read (no specific problem was reported)", at: .start(of: file))
                }
                return change
            }
        }
    }

    /// True for a regular file (or a link to one): a folder, a FIFO or a device named as a lab, plan or
    /// patch file would only fail later, further from the line that names it (or block on reading).
    public static func regularFileExists(_ path: String) -> Bool {
        InputFile.regularFileProblem(path) == nil
    }
}
