import Foundation

/// Runs the built `patchlab` executable, as a user would, with its own PATCHLAB_HOME.
public struct PatchlabBinary: Sendable {
    public struct Outcome {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    public let home: String

    public init() {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("patchlab-cli-\(UUID().uuidString)").path
    }

    /// The executable sits next to the test bundle in SwiftPM's build folder.
    public static var path: String {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/" {
            let candidate = url.deletingLastPathComponent().appendingPathComponent("patchlab")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
            url = url.deletingLastPathComponent()
        }
        return ".build/debug/patchlab"
    }

    public func run(_ arguments: [String], environment extra: [String: String] = [:], in directory: String? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.path)
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PATCHLAB_HOME"] = home
        environment.merge(extra) { $1 }
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// ``run(_:environment:in:)`` from async code, on a thread of its own: waiting for the process
    /// on Swift's cooperative pool (two threads on two cores) can starve an in-process server the
    /// command talks to, which then answers only after the command has timed out.
    public func runDetached(_ arguments: [String], environment extra: [String: String] = [:], in directory: String? = nil) async throws
        -> Outcome
    {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try self.run(arguments, environment: extra, in: directory) })
            }
            thread.start()
        }
    }

    public func write(_ name: String, _ text: String) throws -> String {
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let path = "\(home)/\(name)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    public func cleanUp() { try? FileManager.default.removeItem(atPath: home) }
}
