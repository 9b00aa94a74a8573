import Foundation

/// Builds guest-agent requests and unpacks their `{"return": …}` replies.
enum AgentJSON {
    static func request(_ execute: String, _ arguments: [String: Any]? = nil) -> String {
        var object: [String: Any] = ["execute": execute]
        if let arguments { object["arguments"] = arguments }
        // Only strings, numbers, bools, arrays and dictionaries go in: serialization cannot fail.
        let data = try! JSONSerialization.data(withJSONObject: object, options: [])
        return String(decoding: data, as: UTF8.self)
    }

    private struct Envelope<T: Decodable>: Decodable {
        let `return`: T
    }

    static func decode<T: Decodable>(_ type: T.Type, command: String, reply: String) throws -> T {
        do {
            return try JSONDecoder().decode(Envelope<T>.self, from: Data(reply.utf8)).return
        } catch {
            throw GuestAgentError.badReply(command: command, reply: reply)
        }
    }
}
