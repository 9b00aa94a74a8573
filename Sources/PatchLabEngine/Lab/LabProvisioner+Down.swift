import Foundation
import Libvirt
import PatchLabModel

extension LabProvisioner {
    /// Removes exactly what the lab's state file lists, and succeeds when some or all of it is
    /// already gone. Returns false when the lab was not up at all.
    @discardableResult
    public func down(labNamed name: String, progress: @escaping LabProgress = { _ in }) async throws -> Bool {
        guard let state = try state(of: name) else { return false }
        try await teardown(state, progress: progress)
        return true
    }

    /// Removes domains, then volumes, then networks and console logs; an object already gone is
    /// fine. A domain is only touched if its metadata names this run, whatever its name says.
    func teardown(_ state: LabState, progress: LabProgress) async throws {
        let store = LabStateStore(state: state, path: LabStateStore.path(lab: state.lab, environment: environment))
        var failures: [String] = []
        let order: [LabState.Object.Kind] = [.domain, .volume, .network, .consoleLog]
        for kind in order {
            for object in state.objects.reversed() where object.kind == kind {
                do {
                    try await remove(object, prefix: state.prefix)
                    try await store.forget(object)
                    progress(.removed(kind: kind.rawValue, name: object.name))
                } catch {
                    failures.append("\(kind.rawValue) \(object.name): \(error)")
                }
            }
        }
        guard failures.isEmpty else {
            throw EngineError.hostCommandFailed(command: "lab down \(state.lab)", status: 1,
                                                output: "could not remove:\n  " + failures.joined(separator: "\n  "))
        }
        await store.remove()
    }

    private func remove(_ object: LabState.Object, prefix: String) async throws {
        if object.kind == .consoleLog {
            try? FileManager.default.removeItem(atPath: object.name)
            return
        }
        let connection = try await connections.connection(object.hostURI)
        do {
            switch object.kind {
            case .domain:
                let domain = try await connection.domain(named: object.name)
                guard try await DomainDefinition.runPrefix(of: domain) == prefix else {
                    // Someone else's domain under our old name: not ours to remove.
                    return
                }
                if try await domain.isActive() { try await domain.destroy() }
                try await domain.undefine()
            case .volume:
                let pool = try await connection.storagePool(named: object.pool ?? environment.poolName)
                try? await pool.refresh()
                try await pool.volume(named: object.name).delete()
            case .network:
                let network = try await connection.network(named: object.name)
                if try await network.isActive() { try await network.destroy() }
                try await network.undefine()
            case .consoleLog:
                break
            }
        } catch let error as LibvirtError where error.isNotFound {
            // Already gone (removed by hand, or by an earlier down): that is the goal.
        }
    }
}
