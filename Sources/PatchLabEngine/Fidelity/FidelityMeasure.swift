import Foundation
import PatchLabModel

/// Compares lab machines with the production hosts they mirror: finds each machine's capture in
/// the production folder, compares a lab fingerprint with it (``FidelityComparison``) and, given
/// the packages a change patches, where each starts on both sides.
public struct FidelityMeasure: Sendable {
    public let store: ProductionStore

    public init(store: ProductionStore) { self.store = store }

    /// The capture each machine mirrors, looked up once; nil for machines with none. A capture that
    /// is there but unsound is an error: silently scoring without it would hide the problem.
    public func captures(for machines: [Machine]) throws -> [String: ProductionStore.Loaded] {
        var found: [String: ProductionStore.Loaded] = [:]
        for machine in machines {
            if let loaded = try store.record(forMirrors: machine.mirrors) { found[machine.name] = loaded }
        }
        return found
    }

    /// One machine's fidelity: its fingerprint (taken with `labSpec`) against its capture.
    ///
    /// - Parameter patched: the packages the change patches; their start versions are compared.
    public func compare(
        machine: Machine, fingerprint: Fingerprint?, labSpec: FingerprintSpec,
        capture: ProductionStore.Loaded?, patched: [String] = []
    ) -> MachineFidelity {
        guard let capture else {
            let names = ProductionName.candidates(forMirrors: machine.mirrors).map { "\($0).json" }
            return .notMeasured(
                machine: machine.name, mirrors: machine.mirrors,
                reason: "no production capture of \(machine.mirrors) (looked for \(names.joined(separator: " or ")) in \(store.directory))")
        }
        guard let fingerprint else {
            return .notMeasured(machine: machine.name, mirrors: machine.mirrors, reason: "no baseline fingerprint of \(machine.name)")
        }
        let production = capture.record
        let dimensions = FidelityComparison.dimensions(
            lab: fingerprint, labSpec: labSpec,
            production: production.fingerprint, productionSpec: production.spec)
        let starts = FidelityComparison.startVersions(of: patched, lab: fingerprint, production: production.fingerprint)
        return MachineFidelity(
            machine: machine.name, mirrors: machine.mirrors, production: capture.reference,
            dimensions: dimensions, startVersions: starts)
    }

    /// The spec a lab machine is fingerprinted with to be compared with `capture`: the capture's
    /// own (the same watch and ignore lists), without origins (lab images carry no apt lists).
    public static func labSpec(for capture: ProductionRecord) -> FingerprintSpec {
        var spec = capture.spec
        spec.origins = false
        return spec
    }
}
