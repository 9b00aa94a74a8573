import Foundation
import Testing
@testable import Libvirt

/// The output-file wrapper of `GuestAgent.exec`, run here on the host by each shell it can use
/// (busybox only where the host has one that passes the guest probe): the guarantees every guest
/// command relies on, without a VM.
/// Serialized: every case writes the same slot files (one per shell), as one guest's commands would.
@Suite(.serialized) struct GuestOutputFilesTests {
    static let shells: [WrapperShell] = {
        var shells: [WrapperShell] = [.posix]
        if FileManager.default.isExecutableFile(atPath: WrapperShell.busybox.path),
            let probe = try? run(WrapperShell.busybox.path, WrapperShell.busybox.leadingArguments + ["-c", WrapperShell.probeScript]),
            probe.status == 0, probe.stdout == Data(WrapperShell.probeAnswer.utf8)
        {
            shells.append(.busybox)
        }
        return shells
    }()

    struct Ran { var status: Int32; var stdout: Data; var stderr: Data }

    static func run(_ path: String, _ arguments: [String]) throws -> Ran {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stderr = err.fileHandleForReading
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.readDataToEndOfFile()
        process.waitUntilExit()
        return Ran(status: process.terminationStatus, stdout: stdout, stderr: errors)
    }

    /// Runs `command` through the wrapper; returns what it printed and the files' contents.
    func wrapped(_ shell: WrapperShell, _ command: [String]) throws -> (Ran, Data, Data) {
        let files = GuestOutputFiles(
            command: GuestCommand(path: command[0], arguments: Array(command.dropFirst())),
            slot: 90 + (shell == .busybox ? 1 : 0), shell: shell, directory: "/tmp")
        defer {
            try? FileManager.default.removeItem(atPath: files.stdoutPath)
            try? FileManager.default.removeItem(atPath: files.stderrPath)
        }
        let ran = try Self.run(files.wrapperPath, files.wrapperArguments)
        return (
            ran, try Data(contentsOf: URL(fileURLWithPath: files.stdoutPath)),
            try Data(contentsOf: URL(fileURLWithPath: files.stderrPath))
        )
    }

    @Test(arguments: shells) func statusAndBothStreamsComeBack(_ shell: WrapperShell) throws {
        let (ran, out, err) = try wrapped(shell, ["/bin/sh", "-c", "echo out; echo err >&2; exit 7"])
        #expect(ran.status == 7)
        #expect(ran.stdout == Data("out\n".utf8))
        #expect(ran.stderr == Data("err\n".utf8))
        #expect(out == Data("out\n".utf8) && err == Data("err\n".utf8))
    }

    @Test(arguments: shells) func outputPastTheLimitStaysInTheFilesAndOnlyABoundedPartIsPrinted(_ shell: WrapperShell) throws {
        let total = GuestOutputFiles.inlineLimit * 3
        let (ran, out, _) = try wrapped(shell, ["/bin/sh", "-c", "head -c \(total) /dev/zero; exit 3"])
        #expect(ran.status == 3, "the exit status survives any amount of output")
        #expect(ran.stdout.count == GuestOutputFiles.inlineLimit + 1)
        #expect(out.count == total)
    }

    @Test(arguments: shells) func bareNamesRunTheProgramOnPathUnderTheirOwnName(_ shell: WrapperShell) throws {
        // A busybox applet of the same name must never stand in for the program guest-exec would run.
        let (exe, _, _) = try wrapped(shell, ["readlink", "/proc/self/exe"])
        #expect(exe.status == 0)
        #expect(String(decoding: exe.stdout, as: UTF8.self).hasSuffix("/readlink\n"))
        let (name, _, _) = try wrapped(shell, ["cat", "/proc/self/cmdline"])
        #expect(name.stdout.split(separator: 0).first.map { Data($0) } == Data("cat".utf8), "argv[0] is the name as given")
    }

    @Test(arguments: shells) func aProgramFoundNowhereFailsWith127(_ shell: WrapperShell) throws {
        let (ran, _, err) = try wrapped(shell, ["patchlab-no-such-program"])
        #expect(ran.status == 127)
        #expect(String(decoding: err, as: UTF8.self).contains("not found"))
    }
}

/// The output files' folder: `/run` where it is a writable tmpfs, as the guest's own mount table says.
@Suite struct GuestOutputDirectoryTests {
    @Test func theProbeNamesRunExactlyWhenItIsAWritableTmpfs() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", GuestOutputDirectory.probeScript]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let answer = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let mounts = try String(contentsOfFile: "/proc/mounts", encoding: .utf8).split(separator: "\n").map { $0.split(separator: " ") }
        let runIsTmpfs = mounts.contains { $0.count > 2 && $0[1] == "/run" && $0[2] == "tmpfs" } && access("/run", W_OK) == 0
        #expect(GuestOutputDirectory.directory(fromProbe: answer) == (runIsTmpfs ? "/run" : "/tmp"))
    }

    @Test func anythingButRunMeansTmp() {
        #expect(GuestOutputDirectory.directory(fromProbe: Data("/run\n".utf8)) == "/run")
        for odd in ["", "/run/x", "/var", "run", "/run /tmp"] {
            #expect(GuestOutputDirectory.directory(fromProbe: Data(odd.utf8)) == "/tmp", "\(odd)")
        }
    }
}
