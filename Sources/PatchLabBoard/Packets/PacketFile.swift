import Foundation
#if canImport(Glibc)
    import Glibc
#endif
import Hummingbird
import PatchLabEvidence

/// One file of a packet, served read-only: only one of the packet's evidence files (listed in its
/// signed manifest, or an approval record that checks out), and only as a regular file reached through
/// real directories of the packet (no `..`, no empty or hidden trick component, no symbolic link
/// anywhere on the way), and served so that nothing in it can run: guest logs as plain text, the
/// packet's own HTML in a sandbox with no script, archives as downloads.
enum PacketFile {
    static let htmlPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'self'"

    /// A file of a packet the board may serve: its folder and the components below it.
    struct Resolved: Sendable {
        let folder: String
        let components: [String]
    }

    /// `components` inside `folder`, or a 404 — also for a file that is there but is not one of
    /// `evidence` (added after signing, hidden, a stray in `approvals/`): never served.
    static func resolve(_ components: [String], in folder: String, evidence: PacketFileList) throws -> Resolved {
        let refused = BoardError(.notFound, "no such file in this packet")
        guard !components.isEmpty, components.count <= 32, evidence.contains(components.joined(separator: "/")) else { throw refused }
        var path = folder
        for (index, component) in components.enumerated() {
            guard !component.isEmpty, component != ".", component != "..", !component.contains("/"),
                !component.contains("\u{0}"), !component.contains("\\")
            else { throw refused }
            path += "/\(component)"
            let last = index == components.count - 1
            guard last ? PacketCatalog.isRegularFile(path) : PacketCatalog.isDirectory(path) else { throw refused }
        }
        return Resolved(folder: folder, components: components)
    }

    /// Opens the resolved file again, one component at a time from the packet folder, following no
    /// link and blocking on nothing (a FIFO is refused, not waited on), and takes its size from the
    /// open file: whatever was swapped in since ``resolve(_:in:evidence:)`` checked the path (a
    /// folder turned into a link out of the packet, a file into a FIFO), what is served is a regular
    /// file inside the packet or nothing.
    static func open(_ file: Resolved) throws -> (handle: FileHandle, size: Int) {
        let refused = BoardError(.notFound, "no such file in this packet")
        var descriptor = Glibc.open(file.folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw refused }
        for (index, component) in file.components.enumerated() {
            let last = index == file.components.count - 1
            let next = openat(descriptor, component, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | (last ? O_NONBLOCK : O_DIRECTORY))
            close(descriptor)
            guard next >= 0 else { throw refused }
            descriptor = next
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw refused
        }
        return (FileHandle(fileDescriptor: descriptor, closeOnDealloc: true), Int(status.st_size))
    }

    /// Streams the file in fixed chunks: a packet may hold a gigabyte of logs, and the board's memory
    /// must not grow with what it serves.
    static let chunkSize = 256 << 10

    static func response(for file: Resolved) throws -> Response {
        let (handle, size) = try open(file)
        let name = file.components.last ?? ""
        let opened = OpenedFile(handle)
        var headers: HTTPFields = [.contentType: contentType(of: name)]
        switch (name as NSString).pathExtension.lowercased() {
        case "html", "htm":
            headers[.contentSecurityPolicy] = htmlPolicy
            // The packet page shows the summary in a frame; other sites still may not.
            headers[BoardHeader.frameOptions] = "SAMEORIGIN"
        case "gz", "tgz", "tar", "deb", "qcow2", "img", "bin":
            headers[.contentDisposition] = "attachment"
            headers[.contentSecurityPolicy] = "default-src 'none'; sandbox"
        default:
            headers[.contentSecurityPolicy] = "default-src 'none'; sandbox"
        }
        let body = ResponseBody(contentLength: size) { writer in
            let handle = opened.handle
            defer { try? handle.close() }
            // Exactly the size announced, even if the file grew meanwhile: a packet file never should.
            var left = size
            while left > 0, let chunk = try handle.read(upToCount: min(chunkSize, left)), !chunk.isEmpty {
                left -= chunk.count
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    /// Anything not known to be safe to render is plain text: logs are guest output.
    static func contentType(of name: String) -> String {
        switch (name as NSString).pathExtension.lowercased() {
        case "html", "htm": return "text/html; charset=utf-8"
        case "json": return "application/json; charset=utf-8"
        case "png": return "image/png"
        case "gz", "tgz", "tar", "deb", "qcow2", "img", "bin": return "application/octet-stream"
        default: return "text/plain; charset=utf-8"
        }
    }
}

/// The open file a response streams: opened when the request is answered, read when the body is
/// written. FileHandle is not Sendable; it is only ever used by that one body writer.
private final class OpenedFile: @unchecked Sendable {
    let handle: FileHandle
    init(_ handle: FileHandle) { self.handle = handle }
}
