import Foundation

/// Writes a ``Change`` back as a change file (`changes/NAME.yaml`) that ``Change/load(contentsOf:)``
/// reads as the same change: what `change new` produces, from pending updates or from a run
/// without its culprit. Paths are written relative to the folder the file goes to; every text is a
/// double-quoted YAML string (JSON's escapes), so no title or command can change the file's shape.
/// `patches:` (or `patch:`) comes last, each file with its destination spelled out, so install
/// commands that name those places stay right whatever the change is called.
public enum ChangeDocument {
    /// - Parameters:
    ///   - folder: the absolute folder the file is written to.
    ///   - comment: lines put at the top as `#` comments.
    public static func yaml(for change: Change, in folder: String, comment: [String] = []) -> String {
        var lines = comment.map { $0.isEmpty ? "#" : "# " + $0 }
        lines.append("change: \(change.id)")
        lines.append("title: \(quoted(change.title))")
        lines.append("type: \(change.type.rawValue)")
        lines.append("reason: \(quoted(change.reason))")
        lines.append("risk: \(change.risk.rawValue)")
        if let requestedBy = change.requestedBy { lines.append("requested_by: \(quoted(requestedBy))") }
        lines.append("lab: \(quoted(relative(change.lab.value, folder)))")
        lines.append("plans: " + list(change.plans.map { relative($0.value, folder) }))
        if !change.acceptBaselineFailures.isEmpty {
            lines.append("accept_baseline_failures: " + list(change.acceptBaselineFailures.map(\.value)))
        }
        lines.append("deployment:")
        lines.append("  order: \(change.deployment.order.rawValue)")
        if let machines = change.deployment.machines { lines.append("  machines: " + list(machines.map(\.value.description))) }
        lines.append("rollback:")
        lines.append("  strategy: \(change.rollback.strategy.rawValue)")
        if !change.rollback.verifyPlans.isEmpty {
            lines.append("  verify_plans: " + list(change.rollback.verifyPlans.map { relative($0.value, folder) }))
        }
        let print = change.fingerprint
        lines.append("fingerprint:")
        lines.append("  packages: \(print.packages)")
        lines.append("  services: \(print.services)")
        lines.append("  ports: \(print.ports)")
        lines.append("  watch: " + list(print.watch))
        lines.append("  ignore: " + list(print.ignore))
        // A patch that came from a batch keeps its id, even alone.
        if change.isBatch || change.patches[0].id != change.id {
            lines.append("patches:")
            for patch in change.patches { lines += patchLines(patch, folder: folder, batch: true) }
        } else {
            lines.append("patch:")
            lines += patchLines(change.patches[0], folder: folder, batch: false)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func patchLines(_ patch: PatchSpec, folder: String, batch: Bool) -> [String] {
        var fields: [String] = []
        if batch { fields.append("id: \(patch.id)") }
        fields.append("description: \(quoted(patch.description))")
        fields.append("priority: \(patch.priority.rawValue)")
        if !patch.files.isEmpty {
            fields.append("files:")
            for file in patch.files {
                fields.append("  - source: \(quoted(relative(file.source, folder)))")
                if patch.sha256File == nil { fields.append("    sha256: \(file.sha256)") }
                fields.append("    destination: \(quoted(file.destination))")
            }
        }
        if let sums = patch.sha256File { fields.append("sha256_file: \(quoted(relative(sums.value, folder)))") }
        switch patch.install {
        case let .shell(script, _): fields.append("install: \(quoted(script))")
        case let .argv(words, _): fields.append("install: " + list(words))
        }
        fields.append("timeout: \(DurationText.format(patch.timeout))")
        let indent = batch ? "    " : "  "
        return fields.enumerated().map { index, field in
            (batch && index == 0 ? "  - " : indent) + field
        }
    }

    private static func relative(_ path: String, _ folder: String) -> String { PlanPaths.relative(path, from: folder) }

    private static func list(_ items: [String]) -> String { "[" + items.map(quoted).joined(separator: ", ") + "]" }

    /// A YAML double-quoted scalar: JSON's string escapes are YAML's too.
    static func quoted(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return (try? encoder.encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }
}
