import Foundation
import Hummingbird
import Logging

/// Where the board puts what it will not tell a client. The full error — server paths, system
/// error text, Swift error dumps — goes to the server's log under a short random reference, and the
/// answer carries a fixed message with the same reference, so an operator finds one from the other.
struct FailureLog: Sendable {
    let logger: Logger

    /// 32 random bits in hex: short enough to read out over the phone, unique enough within one log.
    static func newReference() -> String {
        String(format: "%08x", UInt32.random(in: .min ... .max))
    }

    /// Logs `cause` and gives the error to answer with: `message` and the reference.
    func withhold(_ status: HTTPResponse.Status, _ message: String, cause: String) -> BoardError {
        BoardError(status, note(message, cause: cause))
    }

    /// `message (reference 1a2b3c4d: the board's log has the details)`, once `cause` is logged under it.
    func note(_ message: String, cause: String) -> String {
        let reference = Self.newReference()
        logger.error("board: \(message) [reference \(reference)]: \(cause)", metadata: ["reference": .string(reference)])
        return "\(message) (reference \(reference): the board's log has the details)"
    }

    /// `text` without the server paths it notes in parentheses, when that leaves nothing of the
    /// server in it; otherwise `replacement` with a reference, and `text` goes to the log.
    func publicText(_ text: String, orElse replacement: String) -> String {
        let stripped = PublicText.withoutPathNotes(text)
        return PublicText.leaks(stripped) ? note(replacement, cause: text) : stripped
    }

    /// One of the verifier's problems (`CHECK: FILE: what is wrong`), as the packet page may show
    /// it: the check and the file it names are kept, as far as they are names inside the packet.
    func publicProblem(_ problem: String) -> String {
        let subject = problem.components(separatedBy: ": ").dropLast().prefix(while: PublicText.isPacketPath)
        return publicText(
            problem,
            orElse: subject.isEmpty ? "a check could not be made here" : subject.joined(separator: ": ") + ": cannot be checked here")
    }
}
