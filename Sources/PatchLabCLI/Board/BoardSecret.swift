import ArgumentParser
import Foundation

/// A member's board secret for `approve --board`: from a file, `$PATCHLAB_BOARD_SECRET`, or asked on
/// the terminal without echo. Never an argument: arguments are visible to every user in `ps`.
enum BoardSecret {
    static func read(file: String?, member: String) throws -> String {
        if let file {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw ValidationError("--secret-file \(file): cannot be read")
            }
            return text.trimmingCharacters(in: .newlines)
        }
        if let secret = ProcessInfo.processInfo.environment["PATCHLAB_BOARD_SECRET"] { return secret }
        guard isatty(STDIN_FILENO) == 1, let typed = getpass("board secret for \(member): ") else {
            throw ValidationError("no board secret: give --secret-file or set PATCHLAB_BOARD_SECRET")
        }
        return String(cString: typed)
    }
}
