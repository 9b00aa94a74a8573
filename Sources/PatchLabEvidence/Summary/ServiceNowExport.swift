import Foundation
import PatchLabModel

/// The change as a request body for ServiceNow's Change Management API
/// (`POST /api/sn_chg_rest/change/{normal|emergency|standard}`, the path chosen by `type`), plus
/// the packet files to attach afterwards with the Attachment API
/// (`POST /api/now/attachment/file?table_name=change_request&table_sys_id=…&file_name=…`).
///
/// Only fields of the base `change_request` table are set, so the body works on any instance
/// without custom `u_` fields: `short_description`, `description`, `type`, `risk`, `justification`,
/// `implementation_plan`, `backout_plan`, `test_plan`, and `correlation_id`/`correlation_display`
/// (the task table's fields for an external system's id). `number` is left to ServiceNow, which
/// numbers its own records, and `requested_by` is a reference to a user record that an e-mail
/// address does not fill, so the requester is written into the description instead. The
/// top-level `attachments` list is not a table field: a client removes it before posting and
/// uploads each file with its `content_type`.
public enum ServiceNowExport {
    /// ServiceNow's risk choice values: 2 High, 3 Moderate, 4 Low (1 Very High is not used by a
    /// requester's own assessment).
    public static func riskValue(_ risk: ChangeRisk) -> String {
        switch risk {
        case .high: return "2"
        case .medium: return "3"
        case .low: return "4"
        }
    }

    /// The packet files to attach, in this order, when present; results and attestations follow.
    static let fixedAttachments = ["summary.html", "summary.md", "manifest.json", "manifest.sig.json"]
    /// Long text fields of `change_request` hold 4000 characters by default; longer text would be
    /// cut by the instance without saying so, so it is cut here with a pointer to the full text.
    static let textLimit = 4000
    /// `short_description` holds 160.
    static let shortLimit = 160

    public static func render(_ overview: PacketOverview, packetName: String) throws -> Data {
        let facts = PacketFacts(overview)
        let change = overview.result.change
        let body = Body(
            shortDescription: cut("\(change.id): \(change.title)", to: shortLimit, note: "…"),
            description: cut(
                facts.ticketDescription + "\n\nEvidence packet: \(packetName) (signed; see the attached "
                    + "manifest.json and manifest.sig.json).", to: textLimit, note: cutNote),
            type: change.type.rawValue,
            risk: riskValue(change.risk),
            justification: cut(change.reason, to: textLimit, note: cutNote),
            implementationPlan: cut(facts.implementationPlan, to: textLimit, note: cutNote),
            backoutPlan: cut(facts.backoutPlan, to: textLimit, note: cutNote),
            testPlan: cut(facts.testPlan, to: textLimit, note: cutNote),
            correlationID: change.id,
            correlationDisplay: "PatchLab \(overview.result.runID)",
            attachments: attachments(overview.files, packetName: packetName))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(body)
        data.append(0x0A)
        return data
    }

    /// One file to upload, its packet path and the name it gets in ServiceNow.
    struct Attachment: Encodable {
        var fileName: String
        var contentType: String
        var path: String

        enum CodingKeys: String, CodingKey {
            case fileName = "file_name", contentType = "content_type", path
        }
    }

    private struct Body: Encodable {
        var shortDescription: String
        var description: String
        var type: String
        var risk: String
        var justification: String
        var implementationPlan: String
        var backoutPlan: String
        var testPlan: String
        var correlationID: String
        var correlationDisplay: String
        var attachments: [Attachment]

        enum CodingKeys: String, CodingKey {
            case shortDescription = "short_description", description, type, risk, justification
            case implementationPlan = "implementation_plan", backoutPlan = "backout_plan", testPlan = "test_plan"
            case correlationID = "correlation_id", correlationDisplay = "correlation_display", attachments
        }
    }

    private static let cutNote = "\n… (cut to fit the field; the full text is in the attached summary.md)"

    /// The summaries and the manifest always (the packet writer adds the manifest and its signature
    /// after the summaries, so they may not be in `files` yet), then every result and attestation.
    static func attachments(_ files: [String], packetName: String) -> [Attachment] {
        let folders = files.filter { $0.hasPrefix("results/") || $0.hasPrefix("attestations/") }.sorted()
        return PacketFacts.unique(fixedAttachments + folders).map { path in
            Attachment(fileName: attachmentName(path, packetName: packetName), contentType: contentType(of: path), path: path)
        }
    }

    /// `CHG-0001-run-1_results_post-patch_WEB.json`: unique per file, and only characters every
    /// attachment store accepts (no spaces, no slashes).
    static func attachmentName(_ path: String, packetName: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._")
        let safe = { (text: String) in String(text.map { allowed.contains($0) ? $0 : "_" }) }
        return safe(packetName) + "_" + safe(path)
    }

    static func contentType(of path: String) -> String {
        let name = path.lowercased()
        switch true {
        case name.hasSuffix(".html"): return "text/html"
        case name.hasSuffix(".md"): return "text/markdown"
        case name.hasSuffix(".jsonl"): return "application/jsonl"
        case name.hasSuffix(".json"): return "application/json"
        case name.hasSuffix(".xml"): return "application/xml"
        case name.hasSuffix(".yaml"), name.hasSuffix(".yml"): return "application/yaml"
        case name.hasSuffix(".txt"), name.hasSuffix(".log"): return "text/plain"
        default: return "application/octet-stream"
        }
    }

    private static func cut(_ text: String, to limit: Int, note: String) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(limit - note.count)) + note
    }
}
