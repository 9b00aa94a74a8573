import Foundation
import PatchLabModel

/// `change new --from-run RUN --without CULPRIT`: the follow-up of a batch rehearsal, the same change
/// without the patches left out (by default the culprit its bisection found), ready to rehearse.
public struct ChangeFromRun: Sendable {
    public let store: RunStore

    public init(store: RunStore) { self.store = store }

    /// - Parameters:
    ///   - without: patch ids to leave out; nil leaves out the bisection's culprit.
    ///   - id: the new change's id; nil takes the next free number of the same prefix among the
    ///     change files in the output folder (`CHG-0007` after `CHG-0006`).
    ///   - output: the new change file; nil puts `ID.yaml` beside the run's change file (when it is
    ///     there from the current folder), else in the current folder.
    public func write(run: String, without: [String]?, id: String?, output: String?) throws -> Change {
        guard let record = try store.run(id: run) else {
            throw ChangeWriteError.notABatchRun(run: run, detail: "is not in the run store \(store.path)")
        }
        guard record.kind == .rehearsal, let details = record.details,
            let result = try? RunStore.decoder.decode(RehearsalResult.self, from: Data(details.utf8))
        else {
            throw ChangeWriteError.notABatchRun(run: run, detail: "is not a finished rehearsal")
        }
        let change = result.change
        let ids = change.patches.map(\.id)
        guard change.isBatch else {
            throw ChangeWriteError.notABatchRun(run: run, detail: "rehearsed a change of one patch: there is nothing to leave out")
        }
        let leftOut: [String]
        if let without {
            leftOut = without
        } else if let bisection = result.batch?.bisection, bisection.complete, !bisection.culprits.isEmpty {
            leftOut = bisection.culprits
        } else {
            throw ChangeWriteError.noCulprit(run: run)
        }
        let unknown = leftOut.filter { !ids.contains($0) }
        guard unknown.isEmpty else { throw ChangeWriteError.unknownPatches(unknown, known: ids) }
        let kept = change.patches.filter { !leftOut.contains($0.id) }
        guard !kept.isEmpty else { throw ChangeWriteError.nothingLeft(run: run) }

        let original = URL(fileURLWithPath: change.file).standardized.path
        let folder =
            output.map { (URL(fileURLWithPath: $0).standardized.path as NSString).deletingLastPathComponent }
            ?? (FileManager.default.fileExists(atPath: original)
                ? (original as NSString).deletingLastPathComponent
                : FileManager.default.currentDirectoryPath)
        let newID = id ?? Self.nextID(after: change.id, in: folder)
        let path = output.map { URL(fileURLWithPath: $0).standardized.path } ?? "\(folder)/\(newID).yaml"
        guard !FileManager.default.fileExists(atPath: path) else { throw ChangeWriteError.exists(path) }

        var followUp = change
        followUp.id = newID
        followUp.patches = kept
        followUp.title = "\(change.title) (without \(leftOut.joined(separator: ", ")))"
        let why = without == nil ? "the culprit its bisection found" : "left out"
        followUp.reason =
            "Follow-up of \(change.id), rehearsed in run \(run): the same batch without \(leftOut.joined(separator: ", ")) "
            + "(\(why)). \(change.reason)"
        followUp.file = path
        return try ChangeFileWriter.write(
            followUp, to: path,
            comment: [
                "Made by `patchlab change new --from-run \(run)`: \(change.id) without \(leftOut.joined(separator: ", "))."
            ])
    }

    /// The next free id of `id`'s prefix among the change files in `folder`, its number as wide as `id`'s.
    static func nextID(after id: String, in folder: String) -> String {
        let parts = id.split(separator: "-")
        guard parts.count == 2, let number = Int(parts[1]) else { return id }
        let prefix = String(parts[0])
        var highest = number
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasSuffix(".yaml") {
            guard let text = try? String(contentsOfFile: "\(folder)/\(name)", encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") where line.hasPrefix("change:") {
                let value = line.dropFirst("change:".count).trimmingCharacters(in: .whitespaces)
                if value.hasPrefix(prefix + "-"), let other = Int(value.dropFirst(prefix.count + 1)) { highest = max(highest, other) }
            }
        }
        let next = String(highest + 1)
        return "\(prefix)-" + String(repeating: "0", count: max(0, parts[1].count - next.count)) + next
    }
}
