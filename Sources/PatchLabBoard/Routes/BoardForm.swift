import Foundation
import Hummingbird

/// `application/x-www-form-urlencoded` bodies, as browsers send the board's forms: decoded by hand
/// into a flat dictionary because every field is a string, and the board must see repeated or odd
/// fields the same way whichever handler reads them (the last value of a repeated field wins).
enum BoardForm {
    static func isForm(_ request: Request) -> Bool {
        request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") ?? false
    }

    static func fields(_ body: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]) else { continue }
            fields[name] = parts.count > 1 ? decode(parts[1]) ?? "" : ""
        }
        return fields
    }

    /// Reads a whole form body from the request.
    static func read(_ request: inout Request, context: BoardContext) async throws -> [String: String] {
        guard isForm(request) else {
            throw BoardError(.unsupportedMediaType, "expected a form (application/x-www-form-urlencoded)")
        }
        return fields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
    }

    private static func decode(_ text: Substring) -> String? {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
