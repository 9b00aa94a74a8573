import Foundation
import PatchLabModel

/// `change new --from-updates`: a batch change of pending updates, one patch per source package,
/// whose `.deb` files are fetched on the host with apt, checked against the archive's signed index
/// and listed in `SHA256SUMS` beside them (as `changes/CHG-0001/fetch.sh` does for the demo).
public struct ChangeFromUpdates: Sendable {
    /// What the change is about, as the writer fills in the change file's fields.
    public struct Request: Sendable {
        public var id: String
        public var title: String?
        public var type: ChangeType
        public var risk: ChangeRisk
        /// Absolute paths.
        public var lab: String
        public var plans: [String]
        /// Source or binary package names to keep (`--only`); nil keeps every update.
        public var only: [String]?
        /// Where the change file goes; its `.deb` files go to the folder of the same name beside it.
        public var output: String
        /// What the updates were found on, for the change's reason (`lab demo`, `production/web-01.json`).
        public var origin: String

        public init(
            id: String, title: String? = nil, type: ChangeType = .normal, risk: ChangeRisk = .medium, lab: String,
            plans: [String], only: [String]? = nil, output: String, origin: String
        ) {
            self.id = id
            self.title = title
            self.type = type
            self.risk = risk
            self.lab = lab
            self.plans = plans
            self.only = only
            self.output = output
            self.origin = origin
        }
    }

    public let environment: EngineEnvironment

    public init(environment: EngineEnvironment) { self.environment = environment }

    /// Writes the change and its files; returns the change as loaded back from the written file.
    ///
    /// - Throws: ``ChangeWriteError`` for a request that cannot be met (nothing pending, an `--only`
    ///   name that is not pending, the file already there), ``UpdatesError`` for a download whose
    ///   digest is wrong; nothing is left behind but the fetched `.deb` files.
    public func write(_ request: Request, updates machines: [MachineUpdates], progress: @Sendable (String) -> Void = { _ in }) throws
        -> Change
    {
        let releases = Set(machines.map(\.release))
        guard releases.count <= 1 else { throw UpdatesError.mixedReleases(releases.sorted()) }
        var groups = UpdateBatch.groups(machines.flatMap(\.updates))
        if let only = request.only {
            let known = groups.flatMap { [$0.source] + $0.updates.map(\.package) }
            let unknown = only.filter { !known.contains($0) }
            if !unknown.isEmpty { throw ChangeWriteError.notPending(unknown, pending: groups.map(\.source)) }
            groups = groups.filter { group in only.contains(group.source) || group.updates.contains { only.contains($0.package) } }
        }
        guard !groups.isEmpty else { throw ChangeWriteError.nothingPending(origin: request.origin) }
        let output = URL(fileURLWithPath: request.output).standardized.path
        guard !FileManager.default.fileExists(atPath: output) else { throw ChangeWriteError.exists(output) }
        let folder = (output as NSString).deletingPathExtension
        let sums = "\(folder)/SHA256SUMS"
        let release = DebianRelease(codename: releases.first ?? "")
        let archive = AptArchive(environment: environment, release: release)
        for group in groups {
            for record in group.updates.compactMap(\.record) {
                progress("fetching \(record.fileName) (\(record.size) bytes)")
                try archive.download(record, to: "\(folder)/\(record.fileName)")
            }
        }
        let records = groups.flatMap { $0.updates.compactMap(\.record) }.sorted { $0.fileName < $1.fileName }
        try Data(records.map { "\($0.sha256)  \($0.fileName)\n" }.joined().utf8).write(to: URL(fileURLWithPath: sums), options: .atomic)

        let patches = groups.map { UpdateBatch.patch($0, changeID: request.id, folder: folder, sums: sums) }
        let security = groups.filter { $0.suite == .security }.count
        let title =
            request.title ?? "Pending updates of \(request.origin): \(groups.count) source package\(groups.count == 1 ? "" : "s")"
            + (security > 0 ? " (\(security) security)" : "")
        let reason =
            "Found by apt on the host in \(machines.first?.release ?? "?") and its -updates and -security suites, for "
            + "\(request.origin) (\(machines.map(\.machine).joined(separator: ", "))): "
            + groups.map { "\($0.source) (\($0.updates[0].suiteName))" }.joined(separator: ", ") + "."
        let change = Change(
            id: request.id, title: title, type: request.type, reason: reason, risk: request.risk,
            lab: Located(request.lab, at: .wholeFile(output)), plans: request.plans.map { Located($0, at: .wholeFile(output)) },
            patches: patches, file: output)
        return try ChangeFileWriter.write(
            change, to: output,
            comment: [
                "Made by `patchlab change new --from-updates` from \(request.origin).",
                "Each patch is one source package; its .deb files were fetched by apt on the host, checked against",
                "the archive's signed index and listed in \((sums as NSString).lastPathComponent).",
            ])
    }
}

/// Writes a change file and loads it back, so what is written is exactly what `rehearse` reads; a
/// file that does not load is removed and its problems thrown.
enum ChangeFileWriter {
    static func write(_ change: Change, to path: String, comment: [String]) throws -> Change {
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let text = ChangeDocument.yaml(for: change, in: folder, comment: comment)
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else { throw ChangeWriteError.unwritable(path) }
        do {
            return try Change.load(contentsOf: path)
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }
}
