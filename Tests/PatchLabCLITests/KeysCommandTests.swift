import Foundation
import Testing
import PatchLabTestSupport

/// `patchlab keys`: a key's name is a plain file name, and key folders and files that another user
/// could change are refused, for loading trusted keys and for writing keys alike. The tests run as
/// root, so uid 65534 (nobody) is "another user".
@Suite struct KeysCommandTests {
    /// A patchlab whose trusted keys sit two folders down, so a name climbing out of them with
    /// `../..` would still land inside the test's own folder, where the test can look.
    func binary() -> (PatchlabBinary, trusted: String, environment: [String: String]) {
        let binary = PatchlabBinary()
        let trusted = "\(binary.home)/a/b/trusted-keys"
        return (binary, trusted, ["PATCHLAB_TRUSTED_KEYS": trusted])
    }

    /// A key pair made outside the key ring; the path of its public half.
    func publicKey(_ binary: PatchlabBinary, _ name: String, _ environment: [String: String]) throws -> String {
        let made = try binary.run(
            ["keys", "generate", "--name", name, "--out", "\(binary.home)/elsewhere", "--no-trust"], environment: environment)
        #expect(made.status == 0, "\(made.stderr)")
        return "\(binary.home)/elsewhere/\(name).pub"
    }

    func files(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    @Test func trustTakesAPlainNameOnly() throws {
        let (binary, trusted, environment) = binary()
        defer { binary.cleanUp() }
        let key = try publicKey(binary, "release", environment)
        // Where `../../etc/x` would land, made ready so that a write there could succeed.
        try FileManager.default.createDirectory(atPath: "\(binary.home)/a/etc", withIntermediateDirectories: true)
        let refused = [
            "../../etc/x", "../x", "a/b", "/etc/x", ".hidden", "..", "a..b", "", "-rf", "_x", "tab\there", "line\nbreak",
            "esc\u{1b}[31m", "ünïcode", String(repeating: "a", count: 65),
        ]
        for name in refused {
            // `--name=-rf`, or the parser takes -rf for an option; `--name ""`, or it sees no value.
            let option = name.hasPrefix("-") ? ["--name=\(name)"] : ["--name", name]
            let result = try binary.run(["keys", "trust", key] + option, environment: environment)
            #expect(result.status != 0, "\(name.debugDescription)")
            #expect(
                result.stderr.contains(
                    "--name \(name.debugDescription): a key name is 1 to 64 letters, digits, '.', '_' or '-', "
                        + "starting with a letter or digit, without '..'"), "\(result.stderr)")
        }
        #expect(files("\(binary.home)/a/etc").isEmpty, "../../etc/x wrote nothing outside the trusted-keys folder")
        #expect(files(trusted).isEmpty)

        // A name taken from the file's name is held to the same rule.
        let odd = "\(binary.home)/elsewhere/odd name.pub"
        try FileManager.default.copyItem(atPath: key, toPath: odd)
        let fromFile = try binary.run(["keys", "trust", odd], environment: environment)
        #expect(fromFile.status == 1)
        #expect(
            fromFile.stderr.contains("the name taken from the file's name (give one with --name) \"odd name\": a key name is"),
            "\(fromFile.stderr)")

        let good = try binary.run(["keys", "trust", key, "--name", "release.signer_2-b"], environment: environment)
        #expect(good.status == 0, "\(good.stderr)")
        #expect(files(trusted) == ["release.signer_2-b.pub"])
        let mode = try FileManager.default.attributesOfItem(atPath: "\(trusted)/release.signer_2-b.pub")[.posixPermissions] as? Int
        #expect(mode == 0o644)
        #expect(try binary.run(["keys", "list"], environment: environment).stdout.contains("release.signer_2-b"))
        #expect(try binary.run(["keys", "generate", "--name=../x"], environment: environment).status != 0, "generate keeps the same rule")
    }

    @Test func aTrustedKeysFolderOthersCouldChangeIsRefusedForReadingAndWriting() throws {
        let (binary, trusted, environment) = binary()
        defer { binary.cleanUp() }
        let key = try publicKey(binary, "release", environment)
        #expect(try binary.run(["keys", "trust", key], environment: environment).status == 0)
        let other = try publicKey(binary, "other", environment)

        for (mode, owner, fix) in [
            (0o777, 0, "chmod go-w \(trusted)"), (0o775, 0, "chmod go-w \(trusted)"), (0o755, 65534, "chown root \(trusted)"),
        ]
            as [(mode_t, uid_t, String)]
        {
            try #require(chmod(trusted, mode) == 0 && chown(trusted, owner, owner) == 0, "the tests run as root")
            let refusal = "\(trusted): refusing this trusted-keys folder, mode \(String(format: "%04o", mode)), owner "
            for arguments in [["keys", "list"], ["packet", "verify", "\(binary.home)/no-packet"], ["keys", "trust", other]] {
                let result = try binary.run(arguments, environment: environment)
                #expect(result.status != 0, "\(arguments)")
                #expect(result.stderr.contains(refusal), "\(arguments): \(result.stderr)")
                #expect(result.stderr.contains("Fix it with: \(fix)"), "\(arguments): \(result.stderr)")
            }
            #expect(files(trusted) == ["release.pub"], "nothing was added to it")
        }
        try #require(chmod(trusted, 0o755) == 0 && chown(trusted, 0, 0) == 0)
        #expect(try binary.run(["keys", "list"], environment: environment).status == 0)
    }

    @Test func aTrustedKeyFileOthersCouldChangeIsRefused() throws {
        let (binary, trusted, environment) = binary()
        defer { binary.cleanUp() }
        #expect(try binary.run(["keys", "trust", try publicKey(binary, "release", environment)], environment: environment).status == 0)
        let file = "\(trusted)/release.pub"
        for (mode, owner) in [(0o666, 0), (0o644, 65534)] as [(mode_t, uid_t)] {
            try #require(chmod(file, mode) == 0 && chown(file, owner, owner) == 0, "the tests run as root")
            let result = try binary.run(["keys", "list"], environment: environment)
            #expect(result.status == 1)
            #expect(
                result.stderr.contains("\(file): refusing this trusted key file, mode \(String(format: "%04o", mode))"), "\(result.stderr)")
        }
    }

    @Test func aKeysFolderOthersCouldChangeIsRefusedForWriting() throws {
        let (binary, _, environment) = binary()
        defer { binary.cleanUp() }
        let keys = "\(binary.home)/keys"
        try FileManager.default.createDirectory(atPath: keys, withIntermediateDirectories: true)
        for (mode, owner, fix) in [(0o777, 0, "chmod go-w \(keys)"), (0o700, 65534, "chown root \(keys)")] as [(mode_t, uid_t, String)] {
            try #require(chmod(keys, mode) == 0 && chown(keys, owner, owner) == 0, "the tests run as root")
            let result = try binary.run(["keys", "generate", "--name", "signer"], environment: environment)
            #expect(result.status == 1)
            #expect(result.stderr.contains("\(keys): refusing this keys folder, mode \(String(format: "%04o", mode))"), "\(result.stderr)")
            #expect(result.stderr.contains("Fix it with: \(fix)"), "\(result.stderr)")
            #expect(files(keys).isEmpty, "no key was written")
        }
    }
}
