import Foundation
import Hummingbird

/// The JSON of the API: ISO 8601 dates and sorted keys, so answers are stable and diffable.
enum APIJSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return encoder
    }()

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Decodes a request body, answering 400 with what was wrong instead of a bare failure.
    static func decode<T: Decodable>(_ type: T.Type, from request: inout Request, context: BoardContext) async throws -> T {
        try decode(type, from: try await body(of: &request, context: context))
    }

    /// The body of a request to the API. One that holds a private key is refused before anything
    /// reads it further: the board signs nothing and must never be handed a key.
    static func body(of request: inout Request, context: BoardContext) async throws -> Data {
        let body = Data(try await request.collectBody(upTo: context.maxUploadSize).readableBytesView)
        if PrivateKeySniffer.holdsPrivateKey(body) {
            throw BoardError(
                .badRequest,
                "the request holds a private key: the board never takes one. Sign the draft where "
                    + "your key is (the decision page, or `patchlab approve --board`) and send only the signed record")
        }
        return body
    }

    static func decode<T: Decodable>(_ type: T.Type, from body: Data) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: body)
        } catch let DecodingError.keyNotFound(key, _) {
            throw BoardError(.badRequest, "the JSON body has no '\(key.stringValue)'")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw BoardError(
                .badRequest, "the JSON body's '\(context.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type")
        } catch let DecodingError.dataCorrupted(context) {
            throw BoardError(.badRequest, "the body is not valid JSON for this request: \(context.debugDescription)")
        }
    }
}
