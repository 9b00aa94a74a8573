import Foundation
import PatchLabModel

/// `patchlab lab fidelity`: every machine of an up lab against the production host it mirrors,
/// each fingerprinted through its guest agent as a rehearsal does, with the capture's own watch
/// list so the two cover the same files.
public struct LabFidelity: Sendable {
    public let provisioner: LabProvisioner
    public let measure: FidelityMeasure

    public init(provisioner: LabProvisioner, store: ProductionStore) {
        self.provisioner = provisioner
        measure = FidelityMeasure(store: store)
    }

    /// - Parameters:
    ///   - machines: only these (names); every machine of the lab when nil.
    ///   - change: when given, the start versions of the packages its `.deb` files patch.
    public func report(lab: Lab, machines names: [String]? = nil, change: Change? = nil) async throws -> FidelityReport {
        var machines = lab.machines
        if let names {
            let unknown = names.filter { lab.machine(named: $0) == nil }
            if !unknown.isEmpty {
                throw EngineError.machineNotInLab(machine: unknown.joined(separator: ", "), lab: lab.name, known: lab.machines.map(\.name))
            }
            machines = machines.filter { names.contains($0.name) }
        }
        let captures = try measure.captures(for: machines)
        let patched = change.map { PatchedPackages.names(change: $0, diff: nil) } ?? []
        let inspector = LabInspector(provisioner: provisioner)
        let measure = self.measure
        return try await withThrowingTaskGroup(of: (Int, MachineFidelity).self) { group in
            for (index, machine) in machines.enumerated() {
                group.addTask {
                    guard let capture = captures[machine.name] else {
                        return (index, measure.compare(machine: machine, fingerprint: nil, labSpec: FingerprintSpec(), capture: nil))
                    }
                    let spec = FidelityMeasure.labSpec(for: capture.record)
                    let channel = try await inspector.channel(lab: lab, machine: machine.name)
                    let fingerprint = try await FingerprintCollector(spec: spec).take(machine: machine.name, phase: nil, channel: channel)
                    return (
                        index,
                        measure.compare(machine: machine, fingerprint: fingerprint, labSpec: spec, capture: capture, patched: patched)
                    )
                }
            }
            var results: [(Int, MachineFidelity)] = []
            for try await result in group { results.append(result) }
            return FidelityReport(machines: results.sorted { $0.0 < $1.0 }.map(\.1))
        }
    }
}
