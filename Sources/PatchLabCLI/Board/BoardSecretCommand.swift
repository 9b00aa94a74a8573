import ArgumentParser
import Foundation
import PatchLabBoard
#if canImport(Glibc)
    import Glibc
#endif

/// `patchlab board secret`: reads a member's board sign-in secret from stdin and prints its bcrypt
/// hash, for the `secret:` of their entry in the members file. The secret itself is kept nowhere.
struct BoardSecretCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secret", abstract: "Hash a board sign-in secret (read from stdin) for the members file.",
        discussion: """
            Reads the secret from standard input (typed without echo on a terminal, or piped: \
            `printf '%s' "$SECRET" | patchlab board secret`), and prints its bcrypt hash (cost 12). \
            Put the hash in the member's entry: secret: "$2b$12$…".
            """)

    static let minimumLength = 12

    func run() async throws {
        try await reportingErrors {
            let secret = Self.readSecret()
            guard secret.count >= Self.minimumLength else {
                throw ValidationError("the secret must be at least \(Self.minimumLength) characters, found \(secret.count)")
            }
            Console.out(SecretCheck.hash(secret))
        }
    }

    /// One line from stdin; on a terminal the typing is not echoed.
    static func readSecret() -> String {
        guard isatty(STDIN_FILENO) == 1 else {
            var text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            while let last = text.last, last.isNewline { text.removeLast() }
            return text
        }
        FileHandle.standardError.write(Data("board secret: ".utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSANOW, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return readLine(strippingNewline: true) ?? ""
    }
}
