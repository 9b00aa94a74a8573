/// `patch:` (one patch) or `patches:` (a batch): exactly one of them, and in a batch every patch
/// with an id of its own, files of its own and its own upload places.
extension ChangeParser {
    static let batchPatchKeys = ["id"] + patchKeys

    func parsePatches(_ document: YAMLMapping, changeID: String) -> [PatchSpec]? {
        switch (document.optional("patch"), document.optional("patches")) {
        case (nil, nil):
            document.error(
                "missing key 'patch' or 'patches' in change; expected 'patch' (one patch) or 'patches' "
                    + "(a batch: a list of patches, each with an id)")
            return nil
        case let (_?, batch?):
            reader.error(
                "'patch' and 'patches' are both given; expected one of them: 'patch' for one patch, 'patches' "
                    + "for a batch", at: document.keyLocation("patches") ?? batch.location)
            return nil
        case let (single?, nil):
            guard let fields = single.mapping(of: "patch", keys: Self.patchKeys) else { return nil }
            return parsePatch(fields, changeID: changeID).map { [$0] }
        case let (nil, batch?):
            return parseBatch(batch, changeID: changeID)
        }
    }

    private func parseBatch(_ value: YAMLValue, changeID: String) -> [PatchSpec]? {
        guard let items = value.list() else { return nil }
        if items.isEmpty {
            value.error("expected at least one patch in 'patches', found an empty list")
            return nil
        }
        var patches: [PatchSpec] = []
        var idAt: [String: SourceLocation] = [:]
        var complete = true
        for item in items {
            guard let fields = item.mapping(of: "patch of the batch", keys: Self.batchPatchKeys) else { complete = false; continue }
            let id = fields.required("id")?.string(expected: "a patch id (\(PatchSpec.idShape))", where: PatchSpec.isValidID)
            if let id, let first = idAt[id.value] {
                reader.error(
                    "patch id '\(id.value)' used twice (first at line \(first.line)); expected each patch id once",
                    at: id.location)
                complete = false
            }
            if let id { idAt[id.value] = idAt[id.value] ?? id.location }
            // Read even without a usable id, so every problem of the item is reported at once.
            guard let patch = parsePatch(fields, changeID: changeID, id: id?.value ?? "?"), id != nil else { complete = false; continue }
            patches.append(patch)
        }
        guard complete, checkSharedFiles(patches) else { return nil }
        return patches
    }

    /// Two patches of a batch may not ship the same host file, nor upload to the same guest place:
    /// which patch a file belongs to decides what a bisection applies.
    private func checkSharedFiles(_ patches: [PatchSpec]) -> Bool {
        var bySource: [String: String] = [:], byDestination: [String: String] = [:]
        var clean = true
        for patch in patches {
            for file in patch.files {
                if let other = bySource[file.source] {
                    reader.error(
                        "patch file '\(file.source)' is in patches '\(other)' and '\(patch.id)'; expected each file "
                            + "in one patch", at: file.location)
                    clean = false
                } else if let other = byDestination[file.destination] {
                    reader.error(
                        "patches '\(other)' and '\(patch.id)' both upload to '\(file.destination)'; expected a "
                            + "destination of its own for each file", at: file.location)
                    clean = false
                }
                bySource[file.source] = bySource[file.source] ?? patch.id
                byDestination[file.destination] = byDestination[file.destination] ?? patch.id
            }
        }
        return clean
    }
}
