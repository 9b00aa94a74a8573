import Foundation
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

    /// The path of `components` inside `folder`, or a 404 — also for a file that is there but is not
    /// one of `evidence` (added after signing, hidden, a stray in `approvals/`): never served.
    static func resolve(_ components: [String], in folder: String, evidence: PacketFileList) throws -> String {
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
        return path
    }

    /// Streams the file in fixed chunks: a packet may hold a gigabyte of logs, and the board's memory
    /// must not grow with what it serves.
    static let chunkSize = 256 << 10

    static func response(for path: String) throws -> Response {
        guard FileManager.default.isReadableFile(atPath: path),
            let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
        else {
            throw BoardError(.notFound, "no such file in this packet")
        }
        let name = (path as NSString).lastPathComponent
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
            guard let handle = FileHandle(forReadingAtPath: path) else { throw BoardError(.notFound, "no such file in this packet") }
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
