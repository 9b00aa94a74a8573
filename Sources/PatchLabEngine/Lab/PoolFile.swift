import Foundation
import Libvirt
import PatchLabModel

/// A file that libvirt writes on a host for PatchLab — a machine's console log, a KVM probe's serial
/// output — and that PatchLab must read back. On a remote host it is written into the PatchLab
/// pool's directory, where libvirt lists it as a volume and can stream it here
/// (`virStorageVolDownload`); on this machine it is a plain file.
struct PoolFile: Sendable {
    /// Where the file is on its host.
    let path: String
    /// The pool holding it on a remote host; nil for a file on this machine.
    let pool: StoragePool?

    /// A file of this machine.
    static func local(_ path: String) -> PoolFile { PoolFile(path: path, pool: nil) }

    /// A file named `name` in `pool`'s directory on its (remote) host.
    static func remote(_ name: String, in pool: StoragePool) async throws -> PoolFile {
        PoolFile(path: try await pool.targetPath() + "/" + name, pool: pool)
    }

    var name: String { (path as NSString).lastPathComponent }

    /// The file's contents (at most `limit` bytes); nil when there is no such file yet.
    func read(limit: Int = 16 << 20) async throws -> Data? {
        guard let pool else { return FileManager.default.contents(atPath: path).map { $0.prefix(limit) } }
        // libvirt learns of files it did not create only by rescanning the directory.
        try await pool.refresh()
        do {
            return try await pool.volume(named: name).contents(limit: limit)
        } catch let error as LibvirtError where error.code == .noStorageVolume {
            return nil
        }
    }

    /// Removes the file; one already gone is fine.
    func remove() async throws {
        guard let pool else {
            try? FileManager.default.removeItem(atPath: path)
            return
        }
        do {
            try await pool.volume(named: name).delete()
        } catch let error as LibvirtError where error.code == .noStorageVolume {
            try await pool.refresh()
            do { try await pool.volume(named: name).delete() } catch let error as LibvirtError where error.isNotFound {}
        }
    }
}
