import Foundation
import Libvirt
import PatchLabModel

extension LabProvisioner {
    /// Removes exactly what the lab's state file lists, and succeeds when some or all of it is
    /// already gone. Returns false when the lab was not up at all.
    ///
    /// Objects on a host in `sparing` (lost hosts) are not touched and stay in the state file, so a
    /// later `lab down` or `recover` removes them once their host answers again; this then throws,
    /// naming them.
    @discardableResult
    public func down(labNamed name: String, sparing: Set<String> = [], progress: @escaping LabProgress = { _ in }) async throws -> Bool {
        guard let state = try state(of: name) else { return false }
        try await teardown(state, sparing: sparing, progress: progress)
        return true
    }

    /// Removes domains, then volumes, then networks and console logs; an object already gone is
    /// fine. A domain is only touched if its metadata names this run, whatever its name says.
    /// Hosts are torn down in parallel, and so are the objects of one kind on one host (eight at a
    /// time), so 500 machines take no longer per machine than two.
    func teardown(_ state: LabState, sparing: Set<String> = [], progress: @escaping LabProgress) async throws {
        let store = LabStateStore(state: state, path: LabStateStore.path(lab: state.lab, environment: environment))
        let byHost = Dictionary(grouping: state.objects, by: \.hostURI)
        let failures = await withTaskGroup(of: [String].self) { group in
            for (uri, objects) in byHost where !sparing.contains(uri) {
                group.addTask { await teardown(objects, on: uri, prefix: state.prefix, store: store, progress: progress) }
            }
            return await group.reduce(into: [String]()) { $0 += $1 }
        }
        let spared = state.objects.filter { sparing.contains($0.hostURI) }
        guard failures.isEmpty, spared.isEmpty else {
            let left = spared.map { "\($0.kind.rawValue) \($0.name) on \($0.hostURI) (host lost)" }
            throw EngineError.hostCommandFailed(
                command: "lab down \(state.lab)", status: 1,
                output: "could not remove:\n  " + (failures + left).joined(separator: "\n  "))
        }
        await store.remove()
    }

    /// One host's objects, kind by kind in removal order; the failures, described.
    private func teardown(
        _ objects: [LabState.Object], on uri: String, prefix: String, store: LabStateStore,
        progress: @escaping LabProgress
    ) async -> [String] {
        let order: [LabState.Object.Kind] = [.domain, .volume, .network, .consoleLog]
        var failures: [String] = []
        var refreshed: Set<String> = []
        for kind in order {
            let batch = objects.reversed().filter { $0.kind == kind }
            if batch.isEmpty { continue }
            // Volumes created outside libvirt's view (a console log) or by another process are only
            // found after a rescan: once per pool, not once per volume.
            if kind == .volume || kind == .consoleLog {
                for pool in Set(batch.compactMap(\.pool)) where !refreshed.contains(pool) {
                    refreshed.insert(pool)
                    try? await connections.connection(uri).storagePool(named: pool).refresh()
                }
            }
            failures += await withTaskGroup(of: String?.self) { group in
                var pending = batch[...]
                func next() {
                    guard let object = pending.popFirst() else { return }
                    group.addTask {
                        do {
                            try await remove(object, prefix: prefix)
                            try await store.forget(object)
                            progress(.removed(kind: kind.rawValue, name: object.name))
                            return nil
                        } catch {
                            return "\(kind.rawValue) \(object.name): \(error)"
                        }
                    }
                }
                for _ in 0..<8 { next() }
                var failed: [String] = []
                for await failure in group {
                    if let failure { failed.append(failure) }
                    next()
                }
                return failed
            }
        }
        return failures
    }

    private func remove(_ object: LabState.Object, prefix: String) async throws {
        if object.kind == .consoleLog, !LabHost.isRemote(uri: object.hostURI) {
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
                try await pool.volume(named: object.name).delete()
            case .network:
                let network = try await connection.network(named: object.name)
                if try await network.isActive() { try await network.destroy() }
                try await network.undefine()
            case .consoleLog:
                let pool = try await connection.storagePool(named: object.pool ?? environment.poolName)
                try await PoolFile(path: object.name, pool: pool).remove()
            }
        } catch let error as LibvirtError where error.isNotFound {
            // Already gone (removed by hand, or by an earlier down): that is the goal.
        }
    }
}
