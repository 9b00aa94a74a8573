import ArgumentParser
import Foundation
import PatchLabModel

/// Runs a command body and turns any error into a clear message on stderr and exit status 1
/// (or the given status), instead of ArgumentParser's generic rendering.
func reportingErrors(exitStatus: Int32 = 1, _ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch let error as ModelError {
        // Already `file:line:column: error: …`, one per line.
        Console.err(error.description)
        throw ExitCode(exitStatus)
    } catch {
        Console.err("patchlab: error: \(error)")
        throw ExitCode(exitStatus)
    }
}
