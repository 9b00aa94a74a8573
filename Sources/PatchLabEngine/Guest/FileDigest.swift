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

    /// SHA-256 of bytes in memory (a file read once, so the digest is of what was read).
    public static func sha256(of data: Data) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // Written from another thread: sha256sum reads while this one collects its answer.
        Thread.detachNewThread {
            try? input.fileHandleForWriting.write(contentsOf: data)
            try? input.fileHandleForWriting.close()
        }
        let answer = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, let digest = answer.split(separator: " ").first, digest.count == 64 else {
            throw EngineError.hostCommandFailed(command: "sha256sum -", status: process.terminationStatus, output: answer)
        }
        return String(digest)
    }

    /// One digest over several files: sha256 of the lines "sha256  name" in the given order, so a
    /// change to any file, or to the set of files, changes it.
    public static func sha256(ofFiles paths: [String]) throws -> String {
        let lines =
            try paths.map { "\(try sha256(ofFile: $0))  \(URL(fileURLWithPath: $0).lastPathComponent)" }.joined(separator: "\n") + "\n"
        let listing = FileManager.default.temporaryDirectory.appendingPathComponent("patchlab-digest-\(UUID().uuidString)").path
        try lines.write(toFile: listing, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: listing) }
        return try sha256(ofFile: listing)
    }
}
