internal import CLibvirt
import Foundation

/// Moving bytes into and out of a volume on its host through libvirt's stream API, so nothing
/// assumes the host shares a filesystem with this one. Each transfer is one blocking call on the
/// connection's queue; the stream's error is read in the frame of the call that failed.
extension StorageVolume {
    /// 256 KiB: the remote protocol's stream packets carry at most this much payload each.
    static let transferChunk = 256 * 1024

    /// Writes the file at `path` into the volume from its start (`virStreamNew`,
    /// `virStorageVolUpload`, `virStreamSend`, `virStreamFinish`; `virStreamAbort` on failure).
    /// The volume must be at least as large as the file. Returns the bytes sent.
    @discardableResult
    public func upload(fromFile path: String) async throws -> UInt64 {
        let name = self.name
        return try await connection.perform("volume") { [self] conn throws(LibvirtError) in
            let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                throw LibvirtError(code: .systemError, message: "cannot read \(path): \(String(cString: strerror(errno)))")
            }
            defer { Glibc.close(fd) }
            var status = stat()
            guard fstat(fd, &status) == 0 else {
                throw LibvirtError(code: .systemError, message: "cannot read \(path): \(String(cString: strerror(errno)))")
            }
            let length = UInt64(status.st_size)
            let stream = try checked("open a stream to \(conn.uri)", virStreamNew(conn.handle, 0))
            defer { virStreamFree(stream) }
            try checked("start upload into volume \(name)", virStorageVolUpload(self.handle, stream, 0, length, 0))
            var buffer = [CChar](repeating: 0, count: Self.transferChunk)
            var sent: UInt64 = 0
            do throws(LibvirtError) {
                while sent < length {
                    let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                    if count < 0 && errno == EINTR { continue }
                    guard count > 0 else {
                        throw LibvirtError(code: .systemError, message: "reading \(path) stopped after \(sent) of \(length) bytes")
                    }
                    var offset = 0
                    while offset < count {
                        let written = buffer.withUnsafeBufferPointer { virStreamSend(stream, $0.baseAddress! + offset, count - offset) }
                        try checked("send \(path) into volume \(name)", written)
                        offset += Int(written)
                    }
                    sent += UInt64(count)
                }
                try checked("finish upload into volume \(name)", virStreamFinish(stream))
            } catch {
                if virStreamAbort(stream) < 0 { virResetLastError() }
                throw error
            }
            return sent
        }
    }

    /// Reads the whole volume from its start (`virStorageVolDownload`, `virStreamRecv`,
    /// `virStreamFinish`), handing each chunk to `chunk` as it arrives; `chunk` returns false to stop
    /// early (the stream is then aborted). Returns the bytes received.
    @discardableResult
    public func download(_ chunk: @escaping @Sendable (Data) -> Bool) async throws -> UInt64 {
        let name = self.name
        return try await connection.perform("volume") { [self] conn throws(LibvirtError) in
            let stream = try checked("open a stream from \(conn.uri)", virStreamNew(conn.handle, 0))
            defer { virStreamFree(stream) }
            try checked("start download of volume \(name)", virStorageVolDownload(self.handle, stream, 0, 0, 0))
            var buffer = [CChar](repeating: 0, count: Self.transferChunk)
            var received: UInt64 = 0
            do throws(LibvirtError) {
                while true {
                    let count = buffer.withUnsafeMutableBufferPointer { virStreamRecv(stream, $0.baseAddress, $0.count) }
                    try checked("read volume \(name)", count)
                    if count == 0 { break }
                    received += UInt64(count)
                    let data = buffer.withUnsafeBytes { Data($0.prefix(Int(count))) }
                    guard chunk(data) else {
                        if virStreamAbort(stream) < 0 { virResetLastError() }
                        return received
                    }
                }
                try checked("finish download of volume \(name)", virStreamFinish(stream))
            } catch {
                if virStreamAbort(stream) < 0 { virResetLastError() }
                throw error
            }
            return received
        }
    }

    /// The volume's bytes, or its first `limit` bytes: for small files such as a console log.
    public func contents(limit: Int = 16 << 20) async throws -> Data {
        let collected = Collected(limit: limit)
        try await download { collected.append($0) }
        return collected.data
    }
}

/// Chunks gathered up to a limit; the download runs on the connection's queue.
private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes = Data()
    private let limit: Int

    init(limit: Int) { self.limit = limit }

    var data: Data { lock.withLock { bytes } }

    func append(_ chunk: Data) -> Bool {
        lock.withLock {
            bytes.append(chunk.prefix(limit - bytes.count))
            return bytes.count < limit
        }
    }
}
