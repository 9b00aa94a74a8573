import Foundation
import PatchLabTestSupport

/// `.tar.gz` files no honest packet writer makes, written by Python's tarfile (an independent tar
/// implementation; GNU tar refuses to write some of these): links, devices, FIFOs, duplicate and
/// escaping names, stray top-level entries, bombs, cut streams and data after the end.
struct HostileArchive {
    /// One tar entry. `type` is the tar type flag; `text` the content of a regular file, or
    /// `zeros` bytes of zeros streamed from /dev/zero (a bomb compresses to almost nothing).
    struct Entry: Encodable {
        var name: String
        var type = "0"
        var text = ""
        var zeros: Int?
        var link = ""

        static func file(_ name: String, _ text: String = "evidence\n") -> Entry { Entry(name: name, text: text) }
        static func folder(_ name: String) -> Entry { Entry(name: name, type: "5") }
        static func symlink(_ name: String, to target: String) -> Entry { Entry(name: name, type: "2", link: target) }
        static func hardLink(_ name: String, to target: String) -> Entry { Entry(name: name, type: "1", link: target) }
    }

    struct Spec: Encodable {
        var entries: [Entry]
        /// gnu, pax or ustar.
        var format = "gnu"
        /// Zero bytes appended to the tar stream after its end-of-archive blocks (inside the gzip).
        var zerosAfter = 0
        /// Text appended to the tar stream after its end-of-archive blocks (inside the gzip).
        var textAfter = ""
        /// Cut the tar stream to this many bytes before compressing it.
        var cutTarAt: Int?
        /// Cut the compressed file to this many bytes.
        var cutGzipAt: Int?
        /// Flip the lowest bit of the tar stream's byte at this offset (a header's checksum then fails).
        var flipByteAt: Int?
        /// Bytes appended after the gzip stream (gzip calls them trailing garbage).
        var garbageAfterGzip = ""
    }

    static let script = #"""
        import gzip, io, json, os, shutil, sys, tarfile
        spec = json.loads(sys.argv[1]); out = sys.argv[2]
        formats = {"gnu": tarfile.GNU_FORMAT, "pax": tarfile.PAX_FORMAT, "ustar": tarfile.USTAR_FORMAT}
        raw = out + ".tar"
        with tarfile.open(raw, "w", format=formats[spec["format"]]) as tar:
            for e in spec["entries"]:
                info = tarfile.TarInfo(e["name"])
                info.type = e["type"].encode()
                info.linkname = e["link"]
                info.mode = 0o755 if info.type == tarfile.DIRTYPE else 0o644
                if info.type in (tarfile.CHRTYPE, tarfile.BLKTYPE):
                    info.devmajor, info.devminor = 1, 3
                source = None
                if e.get("zeros") is not None:
                    info.size = e["zeros"]; source = open("/dev/zero", "rb")
                elif info.type in (tarfile.REGTYPE, tarfile.AREGTYPE):
                    data = e["text"].encode(); info.size = len(data); source = io.BytesIO(data)
                tar.addfile(info, source)
        with open(raw, "ab") as f:
            left = spec["zerosAfter"]
            while left > 0:
                n = min(left, 1 << 20); f.write(b"\0" * n); left -= n
            f.write(spec["textAfter"].encode())
        if spec.get("cutTarAt") is not None:
            os.truncate(raw, spec["cutTarAt"])
        if spec.get("flipByteAt") is not None:
            with open(raw, "r+b") as f:
                f.seek(spec["flipByteAt"]); b = f.read(1); f.seek(spec["flipByteAt"]); f.write(bytes([b[0] ^ 1]))
        with open(raw, "rb") as src, gzip.open(out, "wb", compresslevel=9) as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
        os.remove(raw)
        if spec.get("cutGzipAt") is not None:
            os.truncate(out, spec["cutGzipAt"])
        with open(out, "ab") as f:
            f.write(spec["garbageAfterGzip"].encode())
        """#

    /// Writes the archive `spec` describes to `path`.
    static func write(_ spec: Spec, to path: String) throws {
        let json = String(decoding: try JSONEncoder().encode(spec), as: UTF8.self)
        let python = try ToolProcess.find(["python3"]).orThrow(ToolProcess.Failure.notFound("python3"))
        let outcome = try ToolProcess.run(python, ["-c", script, json, path], timeout: .seconds(120))
        guard outcome.status == 0 else { throw HostileArchiveFailure(message: outcome.summary) }
    }

    static func write(_ entries: [Entry], to path: String) throws {
        try write(Spec(entries: entries), to: path)
    }
}

struct HostileArchiveFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { "python3 could not write the archive: \(message)" }
}

extension Optional {
    func orThrow(_ error: @autoclosure () -> some Error) throws -> Wrapped {
        guard let self else { throw error() }
        return self
    }
}
