import Foundation

/// SHA-256 of host files, streamed by coreutils' `sha256sum` so a multi-GiB disk never sits in memory.
public enum FileDigest {
    public static func sha256(ofFile path: String) throws -> String {
        let output = try HostCommand.capture("/usr/bin/sha256sum", ["--", path])
        guard let digest = output.split(separator: " ").first, digest.count == 64 else {
            throw EngineError.hostCommandFailed(command: "sha256sum \(path)", status: 0, output: output)
        }
        return String(digest)
    }
}
