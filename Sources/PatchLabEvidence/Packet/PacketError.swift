import Foundation

/// Why a packet could not be written, read or unpacked (a packet that is readable but wrong is a
/// failed check of ``PacketVerification``, not an error).
public enum PacketError: Error, CustomStringConvertible, Equatable {
    case unreadable(String)
    case unwritable(String)
    case notAPacket(String, reason: String)
    case exists(String)
    case archiveFailed(String, reason: String)
    /// A file of the packet that is there but does not say what it must (a record that does not decode).
    case invalid(String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path): return "\(path): cannot be read"
        case let .unwritable(path): return "\(path): cannot be written"
        case let .notAPacket(path, reason): return "\(path): not an evidence packet: \(reason)"
        case let .exists(path): return "\(path): already exists; a packet is never overwritten"
        case let .archiveFailed(path, reason), let .invalid(path, reason): return "\(path): \(reason)"
        }
    }
}
