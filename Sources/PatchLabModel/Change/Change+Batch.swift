extension Change {
    /// True when the change holds more than one patch: it is then rehearsed as one batch, with a
    /// fingerprint after each patch and, when the batch fails, a bisection to the culprit.
    public var isBatch: Bool { patches.count > 1 }

    /// The patch with this id.
    public func patch(id: String) -> PatchSpec? { patches.first { $0.id == id } }

    /// The change's patch as one: the patch itself for a change of one patch; for a batch, every
    /// file of every patch (in order), the install commands one after the other, their deadlines
    /// added up. For readers that show or check the change's patch as a whole (digests, packet
    /// subjects, summaries); the rehearsal applies ``patches`` one by one.
    ///
    /// Setting it replaces the change's patches with this one.
    public var patch: PatchSpec {
        get {
            guard isBatch, let first = patches.first else { return patches[0] }
            let ids = patches.map(\.id).joined(separator: ", ")
            let script = patches.map { "(\($0.install.description))" }.joined(separator: " && ")
            let total = patches.reduce(Duration.zero) { $0 + $1.timeout }
            return PatchSpec(
                id: id, description: "Batch of \(patches.count) patches: \(ids)", files: patches.flatMap(\.files),
                install: .shell(script, location: first.install.location), timeout: total,
                priority: patches.map(\.priority).min() ?? .medium, location: first.location)
        }
        set { patches = [newValue] }
    }
}
