internal import CLibvirt
import Foundation

/// A snapshot of one domain (`virDomainSnapshotPtr`).
public final class DomainSnapshot: @unchecked Sendable {
    let handle: OpaquePointer
    public let domain: Domain
    public let name: String

    init(handle: OpaquePointer, domain: Domain) {
        self.handle = handle
        self.domain = domain
        self.name = virDomainSnapshotGetName(handle).map { String(cString: $0) } ?? ""
    }

    deinit { virDomainSnapshotFree(handle) }

    /// Reverts the domain to this snapshot (`virDomainRevertToSnapshot`); a running snapshot comes back running.
    public func revert(force: Bool = false) async throws {
        let name = self.name
        let flags = force ? VIR_DOMAIN_SNAPSHOT_REVERT_FORCE.rawValue : 0
        try await domain.connection.perform("snapshot") { [self] _ throws(LibvirtError) in
            let handle = self.handle
            try checked("revert to snapshot \(name)", virDomainRevertToSnapshot(handle, flags))
        }
    }

    /// Deletes the snapshot and its data (`virDomainSnapshotDelete`).
    public func delete() async throws {
        let name = self.name
        try await domain.connection.perform("snapshot") { [self] _ throws(LibvirtError) in
            let handle = self.handle
            try checked("delete snapshot \(name)", virDomainSnapshotDelete(handle, 0))
        }
    }

    /// The snapshot's XML (`virDomainSnapshotGetXMLDesc`).
    public func xml() async throws -> String {
        let name = self.name
        return try await domain.connection.perform("snapshot") { [self] _ throws(LibvirtError) in
            let handle = self.handle
            return try ownedString("get XML of snapshot \(name)", virDomainSnapshotGetXMLDesc(handle, 0))
        }
    }
}

extension Domain {
    /// Takes a snapshot (`virDomainSnapshotCreateXML` with `ATOMIC`). Without `diskOnly` a running
    /// domain's memory is saved too (an internal full-system snapshot in qcow2).
    public func createSnapshot(name: String, description: String = "", diskOnly: Bool = false) async throws -> DomainSnapshot {
        let xml = """
            <domainsnapshot><name>\(XMLText.escape(name))</name><description>\(XMLText.escape(description))</description></domainsnapshot>
            """
        let flags = VIR_DOMAIN_SNAPSHOT_CREATE_ATOMIC.rawValue | (diskOnly ? VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY.rawValue : 0)
        let domainName = self.name
        return try await perform { [self] dom throws(LibvirtError) in
            let snap = try checked("snapshot \(domainName) as \(name)", virDomainSnapshotCreateXML(dom, xml, flags))
            return DomainSnapshot(handle: snap, domain: self)
        }
    }

    /// The snapshot named `name` (`virDomainSnapshotLookupByName`); throws `.noDomainSnapshot` when absent.
    public func snapshot(named name: String) async throws -> DomainSnapshot {
        let domainName = self.name
        return try await perform { [self] dom throws(LibvirtError) in
            let snap = try checked("look up snapshot \(name) of \(domainName)", virDomainSnapshotLookupByName(dom, name, 0))
            return DomainSnapshot(handle: snap, domain: self)
        }
    }

    /// Every snapshot of this domain (`virDomainListAllSnapshots`).
    public func snapshots() async throws -> [DomainSnapshot] {
        let domainName = self.name
        return try await perform { [self] dom throws(LibvirtError) in
            var list: UnsafeMutablePointer<virDomainSnapshotPtr?>?
            let count = try checked("list snapshots of \(domainName)", virDomainListAllSnapshots(dom, &list, 0))
            defer { free(list) }
            return (0..<Int(count)).compactMap { i in list?[i].map { DomainSnapshot(handle: $0, domain: self) } }
        }
    }
}
