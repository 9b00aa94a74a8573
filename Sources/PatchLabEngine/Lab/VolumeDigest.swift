import Foundation
import Libvirt

/// The sha256 of a volume as its host holds it: the volume read back through libvirt's download
/// stream (`virStorageVolDownload`) into coreutils' `sha256sum`, so a multi-GiB image never sits in
/// memory and nothing assumes this machine can see the host's files.
enum VolumeDigest {
    static func sha256(of volume: StorageVolume) async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let writer = input.fileHandleForWriting
        let download: Result<UInt64, any Error>
        do {
            download = .success(try await volume.download { chunk in (try? writer.write(contentsOf: chunk)) != nil })
        } catch {
            download = .failure(error)
        }
        try? writer.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        _ = try download.get()
        guard process.terminationStatus == 0, let digest = text.split(separator: " ").first, digest.count == 64 else {
            throw EngineError.hostCommandFailed(
                command: "sha256sum of volume \(volume.name)", status: process.terminationStatus, output: text)
        }
        return String(digest)
    }
}
