/// A change of one patch is stored as it always was (`patch`), so results and packets written before
/// batches read back unchanged; a batch also stores `patches`, and `patch` then holds the combined
/// view (``Change/patch``) for readers that know nothing of batches.
extension Change: Codable {
    enum CodingKeys: String, CodingKey {
        case id, title, type, reason, risk, requestedBy, lab, plans, acceptBaselineFailures, patch, patches, deployment, rollback,
            fingerprint, fidelity, file, location
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let patches =
            try container.decodeIfPresent([PatchSpec].self, forKey: .patches)
            ?? [try container.decode(PatchSpec.self, forKey: .patch)]
        guard !patches.isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: .patches, in: container, debugDescription: "a change holds at least one patch")
        }
        self.init(
            id: try container.decode(String.self, forKey: .id), title: try container.decode(String.self, forKey: .title),
            type: try container.decode(ChangeType.self, forKey: .type), reason: try container.decode(String.self, forKey: .reason),
            risk: try container.decode(ChangeRisk.self, forKey: .risk),
            requestedBy: try container.decodeIfPresent(String.self, forKey: .requestedBy),
            lab: try container.decode(Located<String>.self, forKey: .lab),
            plans: try container.decode([Located<String>].self, forKey: .plans),
            acceptBaselineFailures: try container.decode([Located<String>].self, forKey: .acceptBaselineFailures),
            patches: patches, deployment: try container.decode(DeploymentSpec.self, forKey: .deployment),
            rollback: try container.decode(RollbackSpec.self, forKey: .rollback),
            fingerprint: try container.decode(FingerprintSpec.self, forKey: .fingerprint),
            fidelity: try container.decodeIfPresent(FidelityDemand.self, forKey: .fidelity),
            file: try container.decode(String.self, forKey: .file), location: try container.decode(SourceLocation.self, forKey: .location))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encode(type, forKey: .type)
        try container.encode(reason, forKey: .reason)
        try container.encode(risk, forKey: .risk)
        try container.encodeIfPresent(requestedBy, forKey: .requestedBy)
        try container.encode(lab, forKey: .lab)
        try container.encode(plans, forKey: .plans)
        try container.encode(acceptBaselineFailures, forKey: .acceptBaselineFailures)
        try container.encode(patch, forKey: .patch)
        if isBatch { try container.encode(patches, forKey: .patches) }
        try container.encode(deployment, forKey: .deployment)
        try container.encode(rollback, forKey: .rollback)
        try container.encode(fingerprint, forKey: .fingerprint)
        try container.encodeIfPresent(fidelity, forKey: .fidelity)
        try container.encode(file, forKey: .file)
        try container.encode(location, forKey: .location)
    }
}
