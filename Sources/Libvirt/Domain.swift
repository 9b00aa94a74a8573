internal import CLibvirt
import Foundation

/// A libvirt domain (`virDomainPtr`): one virtual machine, defined or running.
public final class Domain: @unchecked Sendable {
    let handle: OpaquePointer
    public let connection: Connection
    /// The domain's name, read once: libvirt names never change for a defined domain.
    public let name: String
    public let uuid: String

    init(handle: OpaquePointer, connection: Connection) {
        self.handle = handle
        self.connection = connection
        self.name = virDomainGetName(handle).map { String(cString: $0) } ?? ""
        self.uuid = Domain.uuidString(of: handle)
    }

    deinit { virDomainFree(handle) }

    static func uuidString(of handle: OpaquePointer) -> String {
        var buffer = [CChar](repeating: 0, count: Int(VIR_UUID_STRING_BUFLEN))
        guard virDomainGetUUIDString(handle, &buffer) == 0 else { return "" }
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// Runs a blocking call on this domain's connection queue.
    @discardableResult
    func perform<T: Sendable>(
        _ subject: StaticString = "domain", _ function: String = #function,
        _ body: @escaping @Sendable (OpaquePointer) throws(LibvirtError) -> T
    ) async throws -> T {
        try await connection.perform(subject, function) { [self] _ throws(LibvirtError) in try body(self.handle) }
    }

    /// Starts the defined domain (`virDomainCreate`).
    public func start() async throws {
        let name = self.name
        try await perform { dom throws(LibvirtError) in try checked("start domain \(name)", virDomainCreate(dom)) }
    }

    /// Asks the guest to shut down (`virDomainShutdown`); returns before it has.
    public func shutdown() async throws {
        let name = self.name
        try await perform { dom throws(LibvirtError) in try checked("shut down domain \(name)", virDomainShutdown(dom)) }
    }

    /// Pulls the plug (`virDomainDestroy`).
    public func destroy() async throws {
        let name = self.name
        try await perform { dom throws(LibvirtError) in try checked("destroy domain \(name)", virDomainDestroy(dom)) }
    }

    /// Removes the definition with its snapshot metadata and NVRAM (`virDomainUndefineFlags`).
    public func undefine() async throws {
        let name = self.name
        let flags =
            VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA.rawValue | VIR_DOMAIN_UNDEFINE_NVRAM.rawValue
            | VIR_DOMAIN_UNDEFINE_MANAGED_SAVE.rawValue | VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA.rawValue
        try await perform { dom throws(LibvirtError) in
            if virDomainUndefineFlags(dom, flags) < 0 {
                let first = LibvirtError.last(or: "undefine domain \(name)")
                // Drivers that know no NVRAM or checkpoints (the test driver) reject those flags.
                if first.code == .invalidArgument || first.code == .noSupport || first.code == .argumentUnsupported {
                    let basic = VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA.rawValue | VIR_DOMAIN_UNDEFINE_MANAGED_SAVE.rawValue
                    try checked("undefine domain \(name)", virDomainUndefineFlags(dom, basic))
                } else {
                    throw first
                }
            }
        }
    }

    /// The current state and its reason code (`virDomainGetState`).
    public func state() async throws -> (state: DomainState, reason: Int32) {
        let name = self.name
        return try await perform { dom throws(LibvirtError) in
            var state: Int32 = 0
            var reason: Int32 = 0
            try checked("get state of \(name)", virDomainGetState(dom, &state, &reason, 0))
            return (DomainState(rawValue: state) ?? .noState, reason)
        }
    }

    /// Whether the domain is running (`virDomainIsActive`).
    public func isActive() async throws -> Bool {
        let name = self.name
        return try await perform { dom throws(LibvirtError) in try checked("ask if \(name) is active", virDomainIsActive(dom)) == 1 }
    }

    /// The custom metadata element stored under `namespace` (`virDomainGetMetadata`), or nil when there is none.
    public func metadata(namespace: String) async throws -> String? {
        try await perform { dom throws(LibvirtError) in
            let type = Int32(VIR_DOMAIN_METADATA_ELEMENT.rawValue)
            guard let text = virDomainGetMetadata(dom, type, namespace, 0) else {
                let error = LibvirtError.last(or: "get metadata")
                if error.code == .noDomainMetadata { return nil }
                throw error
            }
            defer { free(text) }
            return String(cString: text)
        }
    }

    /// The domain's XML description (`virDomainGetXMLDesc`).
    public func xml(inactive: Bool = false) async throws -> String {
        let name = self.name
        let flags = inactive ? VIR_DOMAIN_XML_INACTIVE.rawValue : 0
        return try await perform { dom throws(LibvirtError) in try ownedString("get XML of \(name)", virDomainGetXMLDesc(dom, flags)) }
    }
}

extension Connection {
    /// Defines a persistent domain from XML (`virDomainDefineXML`).
    public func defineDomain(xml: String) async throws -> Domain {
        try await perform { conn throws(LibvirtError) in
            Domain(handle: try checked("define domain", virDomainDefineXML(conn.handle, xml)), connection: conn)
        }
    }

    /// Creates and starts a transient domain that libvirt destroys when this connection closes
    /// (`virDomainCreateXML` with `AUTODESTROY`): a probe that can never outlive the process.
    public func createAutoDestroyDomain(xml: String) async throws -> Domain {
        try await perform { conn throws(LibvirtError) in
            let flags = VIR_DOMAIN_START_AUTODESTROY.rawValue
            return Domain(handle: try checked("create transient domain", virDomainCreateXML(conn.handle, xml, flags)), connection: conn)
        }
    }

    /// Looks a domain up by name (`virDomainLookupByName`); throws `.noDomain` when absent.
    public func domain(named name: String) async throws -> Domain {
        try await perform { conn throws(LibvirtError) in
            Domain(handle: try checked("look up domain \(name)", virDomainLookupByName(conn.handle, name)), connection: conn)
        }
    }

    /// Looks a domain up by UUID string (`virDomainLookupByUUIDString`).
    public func domain(uuid: String) async throws -> Domain {
        try await perform { conn throws(LibvirtError) in
            Domain(handle: try checked("look up domain \(uuid)", virDomainLookupByUUIDString(conn.handle, uuid)), connection: conn)
        }
    }

    /// The domain named `name`, or nil when there is none.
    public func domainIfPresent(named name: String) async throws -> Domain? {
        do { return try await domain(named: name) } catch let error as LibvirtError where error.code == .noDomain { return nil }
    }

    /// Every domain, running or only defined (`virConnectListAllDomains`).
    public func allDomains() async throws -> [Domain] {
        try await perform { conn throws(LibvirtError) in
            var list: UnsafeMutablePointer<virDomainPtr?>?
            let count = try checked("list domains", virConnectListAllDomains(conn.handle, &list, 0))
            defer { free(list) }
            return (0..<Int(count)).compactMap { i in list?[i].map { Domain(handle: $0, connection: conn) } }
        }
    }
}
