import Foundation

extension GuestAgent {
    private struct ReadChunk: Decodable {
        let count: Int
        let bufB64: String
        let eof: Bool
        enum CodingKeys: String, CodingKey {
            case count, eof
            case bufB64 = "buf-b64"
        }
    }

    private struct WriteResult: Decodable { let count: Int }

    /// Reads a guest file in chunks of at most 1 MiB (`guest-file-open/read/close`), handing each chunk
    /// to `consume` so memory stays bounded whatever the file's size. One operation on the
    /// `OperationTimeline`, from open to close, as a copy by hand through the agent would be.
    public func readFile(_ path: String, consume: (Data) throws -> Void) async throws {
        try await OperationTimeline.shared.operation("agent", "guest file read") {
            try await readChunks(path, consume: consume)
        }
    }

    private func readChunks(_ path: String, consume: (Data) throws -> Void) async throws {
        let handle = try await call("guest-file-open", ["path": path, "mode": "r"], as: Int.self)
        do {
            while true {
                let chunk = try await call("guest-file-read", ["handle": handle, "count": Self.readChunkSize], as: ReadChunk.self)
                guard let data = Data(base64Encoded: chunk.bufB64) else {
                    throw GuestAgentError.badReply(command: "guest-file-read", reply: "invalid base64")
                }
                if !data.isEmpty { try consume(data) }
                if chunk.eof || chunk.count == 0 { break }
            }
        } catch {
            _ = try? await call("guest-file-close", ["handle": handle], as: Empty.self)
            throw error
        }
        _ = try await call("guest-file-close", ["handle": handle], as: Empty.self)
    }

    /// Reads a whole guest file into memory; for big files prefer `download(_:to:)`.
    public func readFile(_ path: String) async throws -> Data {
        var data = Data()
        try await readFile(path) { data.append($0) }
        return data
    }

    /// Copies a guest file to a host file, chunk by chunk.
    public func download(_ guestPath: String, to hostPath: String) async throws {
        _ = FileManager.default.createFile(atPath: hostPath, contents: nil)
        guard let out = FileHandle(forWritingAtPath: hostPath) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: hostPath])
        }
        defer { try? out.close() }
        try await readFile(guestPath) { try out.write(contentsOf: $0) }
    }

    /// Writes `data` to a guest file (created or truncated) in chunks of `writeChunkSize`.
    public func writeFile(_ path: String, data: Data, mode: String = "w") async throws {
        var offset = 0
        try await withOpenFile(path, mode: mode) { handle in
            while offset < data.count {
                let end = min(offset + Self.writeChunkSize, data.count)
                try await writeChunk(handle, data[offset..<end])
                offset = end
            }
        }
    }

    /// Copies a host file to the guest, reading and writing `writeChunkSize` at a time.
    public func upload(_ hostPath: String, to guestPath: String) async throws {
        guard let input = FileHandle(forReadingAtPath: hostPath) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: hostPath])
        }
        defer { try? input.close() }
        try await withOpenFile(guestPath, mode: "w") { handle in
            while let chunk = try input.read(upToCount: Self.writeChunkSize), !chunk.isEmpty {
                try await writeChunk(handle, chunk)
            }
        }
    }

    /// One operation on the `OperationTimeline`, from open to close.
    private func withOpenFile(_ path: String, mode: String, _ body: (Int) async throws -> Void) async throws {
        try await OperationTimeline.shared.operation("agent", "guest file write") {
            try await withOpenHandle(path, mode: mode, body)
        }
    }

    private func withOpenHandle(_ path: String, mode: String, _ body: (Int) async throws -> Void) async throws {
        let handle = try await call("guest-file-open", ["path": path, "mode": mode], as: Int.self)
        do {
            try await body(handle)
        } catch {
            _ = try? await call("guest-file-close", ["handle": handle], as: Empty.self)
            throw error
        }
        _ = try await call("guest-file-close", ["handle": handle], as: Empty.self)
    }

    private func writeChunk(_ handle: Int, _ chunk: Data) async throws {
        let written = try await call(
            "guest-file-write", ["handle": handle, "buf-b64": chunk.base64EncodedString()],
            as: WriteResult.self)
        // qemu-ga writes with fwrite and reports short writes rather than retrying them.
        if written.count != chunk.count {
            throw GuestAgentError.guestRefused(command: "guest-file-write", detail: "wrote \(written.count) of \(chunk.count) bytes")
        }
    }
}

/// An agent reply with an empty object as its return value.
struct Empty: Decodable {}
