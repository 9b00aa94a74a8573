import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Runs a real program (Chromium, python3) for a test, with a deadline: a program that hangs is
/// killed by its pid and reported as timed out, so the test fails instead of hanging the suite.
/// Output goes to files, not pipes, so a chatty program can never block on a full pipe.
public enum ToolProcess {
    public struct Outcome {
        public var status: Int32
        public var stdout: Data
        public var stderr: Data
        public var timedOut: Bool

        public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
        /// For a failed expectation: what the program said.
        public var summary: String { "status \(status)\(timedOut ? " (timed out, killed)" : ""); stderr: \(stderrText.suffix(2000))" }
    }

    public enum Failure: Error, CustomStringConvertible {
        case notFound(String)
        public var description: String {
            switch self {
            case let .notFound(name): return "\(name) is not installed (looked on PATH and in /usr/bin)"
            }
        }
    }

    /// The first of `names` found on PATH (or in /usr/bin), as an absolute path.
    public static func find(_ names: [String]) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/bin", "/bin"]
        for name in names {
            for folder in folders where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        return nil
    }

    public static func run(_ executable: String, _ arguments: [String], timeout: Duration, workingDirectory: URL? = nil) throws -> Outcome {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let stdoutURL = scratch.appendingPathComponent("stdout")
        let stderrURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let stdout = try FileHandle(forWritingTo: stdoutURL)
        let stderr = try FileHandle(forWritingTo: stderrURL)
        defer {
            try? stdout.close()
            try? stderr.close()
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = stderr
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        try process.run()

        let deadline = ContinuousClock.now + timeout
        var timedOut = false
        while process.isRunning {
            if ContinuousClock.now >= deadline {
                timedOut = true
                kill(process.processIdentifier, SIGTERM)
                let grace = ContinuousClock.now + .seconds(3)
                while process.isRunning, ContinuousClock.now < grace { usleep(50_000) }
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                break
            }
            usleep(50_000)
        }
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, stdout: (try? Data(contentsOf: stdoutURL)) ?? Data(),
            stderr: (try? Data(contentsOf: stderrURL)) ?? Data(), timedOut: timedOut)
    }
}
