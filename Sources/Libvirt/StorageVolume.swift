internal import CLibvirt
import Foundation

/// A storage volume (`virStorageVolPtr`): one disk image in a pool.
public final class StorageVolume: @unchecked Sendable {
    let handle: OpaquePointer
    public let connection: Connection
    public let name: String
    /// The volume's path on the host that holds it.
    public let path: String

    init(handle: OpaquePointer, connection: Connection) {
        self.handle = handle
        self.connection = connection
        self.name = virStorageVolGetName(handle).map { String(cString: $0) } ?? ""
        if let cPath = virStorageVolGetPath(handle) {
            self.path = String(cString: cPath)
            free(cPath)
        } else {
            virResetLastError()
            self.path = ""
        }
    }

    deinit { virStorageVolFree(handle) }

    /// Deletes the volume and its data (`virStorageVolDelete`).
    public func delete() async throws {
        let name = self.name
        try await connection.perform("volume") { [self] _ throws(LibvirtError) in
            try checked("delete volume \(name)", virStorageVolDelete(self.handle, 0))
        }
    }

    /// The volume's XML (`virStorageVolGetXMLDesc`).
    public func xml() async throws -> String {
        let name = self.name
        return try await connection.perform("volume") { [self] _ throws(LibvirtError) in
            let handle = self.handle
            return try ownedString("get XML of volume \(name)", virStorageVolGetXMLDesc(handle, 0))
        }
    }

    /// Capacity and allocation in bytes (`virStorageVolGetInfo`).
    public func info() async throws -> (capacity: UInt64, allocation: UInt64) {
        let name = self.name
        return try await connection.perform("volume") { [self] _ throws(LibvirtError) in
            let handle = self.handle
            var info = virStorageVolInfo()
            try checked("get info of volume \(name)", virStorageVolGetInfo(handle, &info))
            return (UInt64(info.capacity), UInt64(info.allocation))
        }
    }
}
