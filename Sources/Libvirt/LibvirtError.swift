internal import CLibvirt

/// An error reported by libvirt: its code, the subsystem (domain) that raised it, and its message.
///
/// Captured on the thread of the failing call (libvirt keeps errors per thread), so it is never
/// another call's error. Match on `code` in `catch`, e.g. `catch let e as LibvirtError where e.code == .noDomain`.
public struct LibvirtError: Error, Sendable, Equatable, CustomStringConvertible {
    /// libvirt's `virErrorNumber`.
    public struct Code: RawRepresentable, Hashable, Sendable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }

        public static let internalError = Code(rawValue: Int32(VIR_ERR_INTERNAL_ERROR.rawValue))
        public static let noConnect = Code(rawValue: Int32(VIR_ERR_NO_CONNECT.rawValue))
        public static let operationFailed = Code(rawValue: Int32(VIR_ERR_OPERATION_FAILED.rawValue))
        public static let systemError = Code(rawValue: Int32(VIR_ERR_SYSTEM_ERROR.rawValue))
        public static let rpc = Code(rawValue: Int32(VIR_ERR_RPC.rawValue))
        public static let noDomain = Code(rawValue: Int32(VIR_ERR_NO_DOMAIN.rawValue))
        public static let noNetwork = Code(rawValue: Int32(VIR_ERR_NO_NETWORK.rawValue))
        public static let noStoragePool = Code(rawValue: Int32(VIR_ERR_NO_STORAGE_POOL.rawValue))
        public static let noStorageVolume = Code(rawValue: Int32(VIR_ERR_NO_STORAGE_VOL.rawValue))
        public static let operationInvalid = Code(rawValue: Int32(VIR_ERR_OPERATION_INVALID.rawValue))
        public static let operationTimeout = Code(rawValue: Int32(VIR_ERR_OPERATION_TIMEOUT.rawValue))
        public static let noDomainSnapshot = Code(rawValue: Int32(VIR_ERR_NO_DOMAIN_SNAPSHOT.rawValue))
        public static let agentUnresponsive = Code(rawValue: Int32(VIR_ERR_AGENT_UNRESPONSIVE.rawValue))
        public static let agentUnsynced = Code(rawValue: Int32(VIR_ERR_AGENT_UNSYNCED.rawValue))
        public static let authFailed = Code(rawValue: Int32(VIR_ERR_AUTH_FAILED.rawValue))
        public static let invalidArgument = Code(rawValue: Int32(VIR_ERR_INVALID_ARG.rawValue))
        public static let noDomainMetadata = Code(rawValue: Int32(VIR_ERR_NO_DOMAIN_METADATA.rawValue))
        public static let noSupport = Code(rawValue: Int32(VIR_ERR_NO_SUPPORT.rawValue))
        public static let argumentUnsupported = Code(rawValue: Int32(VIR_ERR_ARGUMENT_UNSUPPORTED.rawValue))
    }

    public let code: Code
    /// libvirt's `virErrorDomain`: which part of libvirt raised it.
    public let domain: Int32
    public let message: String

    public init(code: Code, domain: Int32 = 0, message: String) {
        self.code = code
        self.domain = domain
        self.message = message
    }

    public var description: String { "libvirt error \(code.rawValue): \(message)" }

    /// Whether the error says the object is already gone; used by idempotent removals.
    public var isNotFound: Bool {
        [.noDomain, .noNetwork, .noStoragePool, .noStorageVolume, .noDomainSnapshot].contains(code)
    }

    /// Reads the calling thread's last libvirt error (`virGetLastError`). Call it right after the failing call.
    static func last(or fallback: String) -> LibvirtError {
        guard let err = virGetLastError() else {
            return LibvirtError(code: .internalError, message: fallback)
        }
        let message = err.pointee.message.map { String(cString: $0) } ?? fallback
        let error = LibvirtError(code: Code(rawValue: err.pointee.code), domain: err.pointee.domain, message: message)
        virResetLastError()
        return error
    }
}
