import Foundation

/// Runs a program on the PatchLab host (not in a guest), for the few jobs no library does better:
/// image recipes, `sha256sum` over multi-GiB disks, `qemu-img`.
package enum HostCommand {
    /// Runs and captures stdout; throws with stderr on a non-zero exit. `environment` adds to the
    /// process's own variables.
    package static func capture(
        _ path: String, _ arguments: [String], environment: [String: String] = [:],
        directory: String? = nil
    ) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting so a chatty program cannot fill the pipe and block.
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw EngineError.hostCommandFailed(
                command: ([path] + arguments).joined(separator: " "),
                status: process.terminationStatus,
                output: String(decoding: errors, as: UTF8.self))
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Runs with the caller's stdout/stderr (so a long build shows its progress); returns the exit status.
    /// `environment` is added to this process's own.
    static func passthrough(_ path: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
