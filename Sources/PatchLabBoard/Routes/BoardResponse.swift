import Hummingbird

/// The board's responses: pages, redirects after a form, and the file types a packet holds.
enum BoardResponse {
    static func html(_ page: String, status: HTTPResponse.Status = .ok) -> Response {
        let buffer = ByteBuffer(string: page)
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: buffer))
    }

    /// 303 See Other: the browser follows with a GET, so reloading the next page never re-sends a form.
    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
