import Foundation
@testable import PatchLabEvidence

/// Validates JSON documents against the committed schema with an independent implementation: the
/// Python `jsonschema` package (draft 2020-12, formats checked), run as a separate process.
enum SchemaValidator {
    struct Verdict {
        var valid: Bool
        /// One line per problem, `path: message`.
        var errors: String
    }

    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    /// Exit 0: valid; 1: invalid (problems printed); 3: the validator itself could not run.
    private static let script = """
        import json, sys
        try:
            from jsonschema import Draft202012Validator
            schema = json.load(open(sys.argv[1]))
            Draft202012Validator.check_schema(schema)
            document = json.load(open(sys.argv[2]))
            validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
            errors = sorted(validator.iter_errors(document), key=lambda e: [str(p) for p in e.absolute_path])
        except Exception as error:
            print(f"validator failed: {type(error).__name__}: {error}")
            sys.exit(3)
        for error in errors:
            print("/".join(str(p) for p in error.absolute_path) + ": " + error.message)
        sys.exit(1 if errors else 0)
        """

    static func validate(_ document: Data, schema: URL = JSONReport.schemaURL) throws -> Verdict {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("patchlab-report-\(UUID().uuidString).json")
        try document.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schema.path, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        // Read before waiting, so a long error list cannot fill the pipe and stall the validator.
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        switch process.terminationStatus {
        case 0: return Verdict(valid: true, errors: output)
        case 1: return Verdict(valid: false, errors: output)
        default:
            throw Unavailable(description: "python3 with the jsonschema package is needed (pip install jsonschema): \(output)")
        }
    }
}
