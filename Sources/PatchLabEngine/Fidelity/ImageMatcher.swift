import Foundation
import PatchLabModel

/// `image build RECIPE --match production/NAME.json`: a golden image built from its recipe and then
/// made like a production capture — production's package versions where Debian's archives still
/// have them, its enabled services, the files captured on purpose — with a report of what could
/// not be matched, kept beside the image (`images/NAME/match.json`).
public struct ImageMatcher: Sendable {
    public let builder: ImageBuilder

    public init(environment: EngineEnvironment) {
        builder = ImageBuilder(environment: environment)
    }

    /// What a matched image was matched to, and how well.
    public struct Matched: Sendable, Codable {
        public var image: ImageRecord
        public var production: String
        public var productionSHA256: String
        public var report: MatchReport
    }

    /// Reads the capture at `file` (its name is the file's), builds `recipe` as `imageName`.
    public func build(recipe: String, matching file: String, as imageName: String? = nil) throws -> Matched {
        let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let data = try ProductionStore.read(file)
        let record = try ProductionRecord.decode(data, file: file, expectedName: name)
        let plan = try MatchPlan(record: record)
        // A copied file goes into the image as production's: its content must be what the record
        // says was captured, and its path one line of the recipe's list.
        let forged = try plan.copiedFiles.compactMap { copied -> String? in
            if copied.path.contains("\n") || copied.path.contains("\0") {
                return "copied file '\(Fingerprint.shown(copied.path))' has a line break or NUL in its path"
            }
            return try FileDigest.sha256(of: copied.content) == copied.sha256
                ? nil : "copied file \(Fingerprint.shown(copied.path)): its content does not have the sha256 the record gives"
        }
        if !forged.isEmpty { throw ProductionRecordError(file: file, problems: forged) }
        let target = imageName ?? "\(recipe)-\(record.name)"

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("patchlab-match-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (part, text) in plan.files {
            try Data(text.utf8).write(to: URL(fileURLWithPath: "\(folder)/\(part)"))
        }
        for copied in plan.copiedFiles {
            // Paths were checked when the record was read: absolute, no "..".
            let destination = URL(fileURLWithPath: folder + "/files" + copied.path)
            try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try copied.content.write(to: destination)
        }
        let image = try builder.build(recipe, as: target, recipeEnvironment: ["PATCHLAB_MATCH": folder])
        var report = MatchReport.parse(
            (try? String(contentsOfFile: "\(folder)/report", encoding: .utf8)) ?? "failed the recipe wrote no report")
        report.skipped = plan.skipped
        let matched = Matched(image: image, production: record.name, productionSHA256: try FileDigest.sha256(of: data), report: report)
        try JSONFiles.write(matched, to: "\(builder.environment.imagesDirectory)/\(target)/match.json")
        return matched
    }
}
