import Foundation

/// The files written into a packet folder so far, with the digest and size of each, taken as the
/// bytes were written: the manifest is built from these without reading anything twice.
struct PacketFiles {
    let root: String
    private(set) var digests: [String: (sha256: String, size: Int64)] = [:]

    init(root: String) { self.root = root }

    var paths: [String] { digests.keys.sorted() }

    /// The lab file and plan files written so far with their sha256, sorted by path: what an
    /// attestation names as the configuration its results were obtained with.
    var configuration: [(path: String, sha256: String)] {
        digests.filter { $0.key == PacketLayout.labFile || $0.key.hasPrefix(PacketLayout.plans + "/") }
            .map { (path: $0.key, sha256: $0.value.sha256) }.sorted { $0.path < $1.path }
    }

    mutating func write(_ data: Data, to path: String) throws {
        let target = try prepare(path)
        do { try data.write(to: URL(fileURLWithPath: target)) } catch { throw PacketError.unwritable(target) }
        digests[path] = (StreamingDigest.sha256(of: data), Int64(data.count))
    }

    mutating func copy(_ source: String, to path: String) throws {
        digests[path] = try StreamingDigest.copy(source, to: try prepare(path))
    }

    /// Copies the regular files under `source`, keeping their relative paths; links and devices are
    /// not evidence and are left out.
    mutating func copyTree(_ source: String, to path: String) throws {
        let fm = FileManager.default
        let attributes = try fm.attributesOfItem(atPath: source)
        switch attributes[.type] as? FileAttributeType {
        case .typeRegular?: try copy(source, to: path)
        case .typeDirectory?:
            for entry in try fm.contentsOfDirectory(atPath: source).sorted() { try copyTree("\(source)/\(entry)", to: "\(path)/\(entry)") }
        default: break
        }
    }

    private func prepare(_ path: String) throws -> String {
        let target = "\(root)/\(path)"
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        return target
    }
}
