import Foundation
import Libvirt
import PatchLabModel

/// Puts the files a machine boots from — golden image, and for direct kernel boot the kernel and
/// initrd — on a remote host, as volumes of the host's PatchLab pool, through libvirt's upload
/// stream. A remote host shares no filesystem with this machine, so nothing else can.
///
/// Each volume is named for the sha256 of its file (`pl-golden-DIGEST-NAME`) and checked by reading
/// it back there and hashing it:
///
/// | volume of that name on the host | its sha256 there        | then                                   |
/// | ------------------------------- | ----------------------- | -------------------------------------- |
/// | none                            | —                       | upload, check                          |
/// | present                         | the file's              | reuse it (no upload)                   |
/// | present                         | another (a torn upload) | delete, upload, check                  |
/// | just uploaded                   | another                 | `imageDigestMismatch`: the lab fails   |
///
/// These volumes are shared by every lab on the host and outlive them (a cache, never a lab's object).
struct ImageCarrier: Sendable {
    let host: LabHost
    let pool: StoragePool
    let progress: LabProgress

    static func volumeName(digest: String, file: String) -> String {
        "pl-golden-\(digest)-\(URL(fileURLWithPath: file).lastPathComponent)"
    }

    /// The path on the host of the volume holding `file`, whose sha256 is `digest`.
    func carry(_ file: String, digest: String) async throws -> String {
        let name = Self.volumeName(digest: digest, file: file)
        if let existing = try await existingVolume(name) {
            if try await VolumeDigest.sha256(of: existing) == digest {
                progress(.carried(host: host.name, file: file, volume: name, uploaded: false))
                return existing.path
            }
            progress(.note("host \(host.name): volume \(name) does not hold what its name says; uploading it again"))
            try await existing.delete()
        }
        let size = try FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber
        progress(.note("host \(host.name): uploading \(file) (\(size.map { "\($0.uint64Value >> 20) MiB" } ?? "size unknown"))"))
        let volume: StorageVolume
        do {
            // Raw at exactly the file's size: the upload fills it, and reading it back gives the file's bytes.
            volume = try await pool.createVolume(
                xml: """
                    <volume><name>\(XMLText.escape(name))</name><capacity unit='bytes'>\(size?.uint64Value ?? 0)</capacity>
                    <allocation unit='bytes'>0</allocation><target><format type='raw'/></target></volume>
                    """)
        } catch let error as LibvirtError {
            throw EngineError.imageNotCarried(host: host.name, file: file, detail: error.message)
        }
        do {
            try await volume.upload(fromFile: file)
        } catch let error as LibvirtError {
            try? await volume.delete()
            throw EngineError.imageNotCarried(host: host.name, file: file, detail: error.message)
        }
        let found = try await VolumeDigest.sha256(of: volume)
        guard found == digest else {
            try? await volume.delete()
            throw EngineError.imageDigestMismatch(host: host.name, volume: name, expected: digest, found: found)
        }
        progress(.carried(host: host.name, file: file, volume: name, uploaded: true))
        return volume.path
    }

    /// What `source` boots from, as paths on this host.
    func carry(_ source: ImageCatalog.BootSource, digests: LocalDigests) async throws -> ImageCatalog.BootSource {
        var carried = source
        carried.disk = try await carry(source.disk, digest: try await digests.sha256(source.disk))
        if let boot = source.kernelBoot {
            carried.kernelBoot?.kernel = try await carry(boot.kernel, digest: try await digests.sha256(boot.kernel))
            if let initrd = boot.initrd {
                carried.kernelBoot?.initrd = try await carry(initrd, digest: try await digests.sha256(initrd))
            }
        }
        return carried
    }

    private func existingVolume(_ name: String) async throws -> StorageVolume? {
        do { return try await pool.volume(named: name) } catch let error as LibvirtError where error.code == .noStorageVolume { return nil }
    }
}

/// The sha256 of each local file carried, computed once per `lab up` however many hosts need it.
actor LocalDigests {
    private var known: [String: Task<String, any Error>] = [:]

    /// The file's digest as it is now (not as an image record says: what the host checks against is
    /// what is sent).
    func sha256(_ path: String) async throws -> String {
        if let task = known[path] { return try await task.value }
        let task = Task.detached { try FileDigest.sha256(ofFile: path) }
        known[path] = task
        return try await task.value
    }
}
