internal import CLibvirt
import Foundation

/// A virtual network (`virNetworkPtr`). PatchLab only ever defines isolated ones (no `<forward>`).
public final class Network: @unchecked Sendable {
    let handle: OpaquePointer
    public let connection: Connection
    public let name: String

    init(handle: OpaquePointer, connection: Connection) {
        self.handle = handle
        self.connection = connection
        self.name = virNetworkGetName(handle).map { String(cString: $0) } ?? ""
    }

    deinit { virNetworkFree(handle) }

    @discardableResult
    func perform<T: Sendable>(
        _ function: String = #function,
        _ body: @escaping @Sendable (OpaquePointer) throws(LibvirtError) -> T
    ) async throws -> T {
        try await connection.perform("network", function) { [self] _ throws(LibvirtError) in try body(self.handle) }
    }

    /// Starts the network (`virNetworkCreate`).
    public func start() async throws {
        let name = self.name
        try await perform { net throws(LibvirtError) in try checked("start network \(name)", virNetworkCreate(net)) }
    }

    /// Stops the network (`virNetworkDestroy`).
    public func destroy() async throws {
        let name = self.name
        try await perform { net throws(LibvirtError) in try checked("stop network \(name)", virNetworkDestroy(net)) }
    }

    /// Removes the definition (`virNetworkUndefine`).
    public func undefine() async throws {
        let name = self.name
        try await perform { net throws(LibvirtError) in try checked("undefine network \(name)", virNetworkUndefine(net)) }
    }

    /// Whether the network is started (`virNetworkIsActive`).
    public func isActive() async throws -> Bool {
        let name = self.name
        return try await perform { net throws(LibvirtError) in try checked("ask if network \(name) is active", virNetworkIsActive(net)) == 1
        }
    }

    /// The network's XML (`virNetworkGetXMLDesc`).
    public func xml() async throws -> String {
        let name = self.name
        return try await perform { net throws(LibvirtError) in try ownedString("get XML of network \(name)", virNetworkGetXMLDesc(net, 0)) }
    }
}

extension Connection {
    /// Defines a persistent network (`virNetworkDefineXML`). Refuses XML with a `<forward>`:
    /// lab traffic must never be routed off the machine.
    public func defineIsolatedNetwork(xml: String) async throws -> Network {
        if xml.contains("<forward") {
            throw LibvirtError(code: .operationInvalid, message: "refusing to define a network with <forward>: lab networks are isolated")
        }
        return try await perform { conn throws(LibvirtError) in
            Network(handle: try checked("define network", virNetworkDefineXML(conn.handle, xml)), connection: conn)
        }
    }

    /// The network named `name` (`virNetworkLookupByName`); throws `.noNetwork` when absent.
    public func network(named name: String) async throws -> Network {
        try await perform { conn throws(LibvirtError) in
            Network(handle: try checked("look up network \(name)", virNetworkLookupByName(conn.handle, name)), connection: conn)
        }
    }

    /// Every network, active or not (`virConnectListAllNetworks`).
    public func allNetworks() async throws -> [Network] {
        try await perform { conn throws(LibvirtError) in
            var list: UnsafeMutablePointer<virNetworkPtr?>?
            let count = try checked("list networks", virConnectListAllNetworks(conn.handle, &list, 0))
            defer { free(list) }
            return (0..<Int(count)).compactMap { i in list?[i].map { Network(handle: $0, connection: conn) } }
        }
    }

    /// Every storage volume's path is per pool; this finds a volume anywhere by its path (`virStorageVolLookupByPath`).
    public func volume(atPath path: String) async throws -> StorageVolume {
        try await perform { conn throws(LibvirtError) in
            StorageVolume(handle: try checked("look up volume at \(path)", virStorageVolLookupByPath(conn.handle, path)), connection: conn)
        }
    }
}
