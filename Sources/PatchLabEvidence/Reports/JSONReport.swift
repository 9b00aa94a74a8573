import Foundation
import PatchLabModel

/// Plan runs as a JSON document (`results.json`) that follows a committed, versioned JSON Schema
/// (draft 2020-12): see ``PlanRunDocument`` for the shape and `docs/reports.md` for the fields.
///
/// Output is deterministic: keys sorted, two-space indentation, times in UTC as ISO 8601 with
/// milliseconds (`2026-01-05T10:00:00.250Z`).
public enum JSONReport {
    /// The schema's `$id`, written in every document's `schema` field. A new major version gets a
    /// new id; adding an optional field keeps it.
    public static let schemaID = "https://patchlab.dev/schemas/plan-run/v1"

    /// The JSON document for the runs, ending with a line end.
    ///
    /// - Throws: `EncodingError` when a number cannot be written in JSON (a NaN duration).
    public static func render(_ runs: [PlanRunResult]) throws -> Data {
        try encoder().encode(PlanRunDocument(runs)) + Data("\n".utf8)
    }

    /// Reads a document back, refusing one written for another schema.
    public static func decode(_ data: Data) throws -> PlanRunDocument {
        let decoder = JSONDecoder()
        // Written with milliseconds; a hand-made document may leave them out.
        decoder.dateDecodingStrategy = .custom(ISO8601Dates.decode)
        let document = try decoder.decode(PlanRunDocument.self, from: data)
        guard document.schema == schemaID else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: [],
                    debugDescription: "expected schema '\(schemaID)', found '\(document.schema)'"))
        }
        return document
    }

    /// The committed JSON Schema (`plan-run.schema.json`) in the module's resources.
    public static var schemaURL: URL {
        // Missing only if the package is built wrongly: a programmer error, not an environment one.
        guard let url = Bundle.module.url(forResource: "plan-run.schema", withExtension: "json", subdirectory: "Schemas") else {
            fatalError("PatchLabEvidence resource Schemas/plan-run.schema.json is missing from the bundle")
        }
        return url
    }

    private static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ReportFormat.timestamp(date))
        }
        return encoder
    }
}
