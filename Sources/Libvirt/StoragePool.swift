internal import CLibvirt
import Foundation

/// A storage pool (`virStoragePoolPtr`): a place volumes live, e.g. a directory.
public final class StoragePool: @unchecked Sendable {
    let handle: OpaquePointer
    public let connection: Connection
    public let name: String

    init(handle: OpaquePointer, connection: Connection) {
        self.handle = handle
        self.connection = connection
        self.name = virStoragePoolGetName(handle).map { String(cString: $0) } ?? ""
    }

    deinit { virStoragePoolFree(handle) }

    @discardableResult
    func perform<T: Sendable>(
        _ function: String = #function,
        _ body: @escaping @Sendable (OpaquePointer) throws(LibvirtError) -> T
    ) async throws -> T {
        try await connection.perform("pool", function) { [self] _ throws(LibvirtError) in try body(self.handle) }
    }

    /// Whether the pool is started (`virStoragePoolIsActive`).
    public func isActive() async throws -> Bool {
        let name = self.name
        return try await perform { pool throws(LibvirtError) in
            try checked("ask if pool \(name) is active", virStoragePoolIsActive(pool)) == 1
        }
    }

    /// Starts the pool (`virStoragePoolCreate`).
    public func start() async throws {
        let name = self.name
        try await perform { pool throws(LibvirtError) in try checked("start pool \(name)", virStoragePoolCreate(pool, 0)) }
    }

    /// Marks the pool to start with the daemon (`virStoragePoolSetAutostart`).
    public func setAutostart(_ on: Bool) async throws {
        let name = self.name
        try await perform { pool throws(LibvirtError) in try checked("autostart pool \(name)", virStoragePoolSetAutostart(pool, on ? 1 : 0))
        }
    }

    /// Builds the pool's target, e.g. creates its directory (`virStoragePoolBuild`).
    public func build() async throws {
        let name = self.name
        try await perform { pool throws(LibvirtError) in try checked("build pool \(name)", virStoragePoolBuild(pool, 0)) }
    }

    /// Re-reads the pool's contents from disk (`virStoragePoolRefresh`).
    public func refresh() async throws {
        let name = self.name
        try await perform { pool throws(LibvirtError) in try checked("refresh pool \(name)", virStoragePoolRefresh(pool, 0)) }
    }

    /// The pool's XML (`virStoragePoolGetXMLDesc`).
    public func xml() async throws -> String {
        let name = self.name
        return try await perform { pool throws(LibvirtError) in
            try ownedString("get XML of pool \(name)", virStoragePoolGetXMLDesc(pool, 0))
        }
    }

    /// The pool's directory on its host (`<target><path>` of its XML): where a dir pool's volumes live.
    public func targetPath() async throws -> String {
        let xml = try await xml()
        guard let target = xml.range(of: "<target>"), let open = xml.range(of: "<path>", range: target.upperBound..<xml.endIndex),
            let close = xml.range(of: "</path>", range: open.upperBound..<xml.endIndex)
        else {
            throw LibvirtError(code: .internalError, message: "pool \(name) has no target path in its XML")
        }
        return String(xml[open.upperBound..<close.lowerBound])
    }

    /// Creates a volume from XML (`virStorageVolCreateXML`); with a `<backingStore>` it is a linked clone.
    public func createVolume(xml: String) async throws -> StorageVolume {
        let connection = self.connection
        return try await perform { pool throws(LibvirtError) in
            StorageVolume(handle: try checked("create volume", virStorageVolCreateXML(pool, xml, 0)), connection: connection)
        }
    }

    /// The volume named `name` in this pool (`virStorageVolLookupByName`); throws `.noStorageVolume` when absent.
    public func volume(named name: String) async throws -> StorageVolume {
        let connection = self.connection
        return try await perform { pool throws(LibvirtError) in
            StorageVolume(handle: try checked("look up volume \(name)", virStorageVolLookupByName(pool, name)), connection: connection)
        }
    }

    /// Every volume in the pool (`virStoragePoolListAllVolumes`).
    public func volumes() async throws -> [StorageVolume] {
        let connection = self.connection
        let name = self.name
        return try await perform { pool throws(LibvirtError) in
            var list: UnsafeMutablePointer<virStorageVolPtr?>?
            let count = try checked("list volumes of \(name)", virStoragePoolListAllVolumes(pool, &list, 0))
            defer { free(list) }
            return (0..<Int(count)).compactMap { i in list?[i].map { StorageVolume(handle: $0, connection: connection) } }
        }
    }
}

extension Connection {
    /// The pool named `name` (`virStoragePoolLookupByName`); throws `.noStoragePool` when absent.
    public func storagePool(named name: String) async throws -> StoragePool {
        try await perform { conn throws(LibvirtError) in
            StoragePool(handle: try checked("look up pool \(name)", virStoragePoolLookupByName(conn.handle, name)), connection: conn)
        }
    }

    /// Defines a persistent pool from XML (`virStoragePoolDefineXML`).
    public func defineStoragePool(xml: String) async throws -> StoragePool {
        try await perform { conn throws(LibvirtError) in
            StoragePool(handle: try checked("define pool", virStoragePoolDefineXML(conn.handle, xml, 0)), connection: conn)
        }
    }
}
