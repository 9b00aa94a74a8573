import Foundation
import PatchLabModel

/// What a plan run's attestation is about: the systems under test. Each machine's golden image,
/// by its digest, as the lab ran (`lab/environment.json`); when no digest is known (a lab on a
/// driver without images), the lab file itself. The writer and the verifier both derive the
/// subjects here, from the packet's own files, so they cannot disagree on the rule.
enum PlanPacketSubjects {
    static func subjects(environment: Data?, labFile: (path: String, sha256: String)?) -> [ResourceDescriptor] {
        let machines = environment.flatMap { try? JSONDecoder().decode(LabEnvironmentRecord.self, from: $0) }?.machines ?? []
        let images = machines.compactMap { machine in
            machine.imageSHA256.map { ResourceDescriptor(name: "\(machine.name): \(machine.image)", digest: ["sha256": $0]) }
        }
        if !images.isEmpty { return images.sorted { ($0.name ?? "") < ($1.name ?? "") } }
        return labFile.map { [ResourceDescriptor(name: $0.path, digest: ["sha256": $0.sha256])] } ?? []
    }

    /// Said when the subjects do not match.
    static let description = "the lab's machine images (or its lab file) the packet records"
}
