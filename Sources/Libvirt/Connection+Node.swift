internal import CLibvirt
import Foundation

/// What a host says about its memory and processors (`virNodeGetInfo`).
public struct NodeInfo: Sendable, Equatable {
    /// The CPU model libvirt reports, e.g. `x86_64`.
    public var model: String
    public var memoryBytes: UInt64
    public var cpus: Int
}

extension Connection {
    /// The host's free memory in bytes (`virNodeGetFreeMemory`), or nil when libvirt has no figure.
    /// libvirt answers 0 with a generic error both when the call fails and when the driver keeps no
    /// such figure (the test driver read from a file), so 0 can only mean "not known"; a host that
    /// really failed fails the next call (``nodeInfo()``) with its own error.
    public func nodeFreeMemory() async throws -> UInt64? {
        try await perform { conn throws(LibvirtError) in
            let free = virNodeGetFreeMemory(conn.handle)
            guard free > 0 else {
                virResetLastError()
                return nil
            }
            return UInt64(free)
        }
    }

    /// The host's memory and processors (`virNodeGetInfo`).
    public func nodeInfo() async throws -> NodeInfo {
        try await perform { conn throws(LibvirtError) in
            var info = virNodeInfo()
            try checked("get node info of \(conn.uri)", virNodeGetInfo(conn.handle, &info))
            let model = withUnsafeBytes(of: info.model) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            return NodeInfo(model: model, memoryBytes: UInt64(info.memory) * 1024, cpus: Int(info.cpus))
        }
    }
}
