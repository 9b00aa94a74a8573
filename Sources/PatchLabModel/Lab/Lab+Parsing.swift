import Foundation

extension Lab {
    /// Reads and validates a lab file. Reading the file is the only I/O: whether images, hosts or
    /// kernels exist is for the engine to check (at the locations kept in the result).
    ///
    /// - Throws: ``ModelError`` with every problem found, each at its file:line:column.
    /// True for a name a lab file could give (`lab:`): lowercase letters, digits and '-', starting
    /// with a letter, at most 24 characters.
    public static func isValidName(_ text: String) -> Bool { NameRules.isValidName(text) }

    public static func load(contentsOf path: String) throws -> Lab {
        try parse(yaml: InputFile.text(of: path, what: "lab file"), file: path)
    }

    /// Validates a lab given as text; `file` is used in locations and to resolve relative paths.
    ///
    /// - Throws: ``ModelError`` with every problem found, each at its file:line:column.
    public static func parse(yaml: String, file: String) throws -> Lab {
        let reader = YAMLReader(yaml: yaml, file: file)
        let lab = LabParser(reader: reader).parse()
        try reader.finish()
        guard let lab else {
            // The parser returns nil only after reporting why; this guards against a missed report.
            throw ModelError("lab could not be read (no specific problem was reported)", at: .start(of: file))
        }
        return lab
    }
}
