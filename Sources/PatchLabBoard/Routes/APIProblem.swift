/// The API's answer to a refused or failed request: the HTTP status again and why.
struct APIProblem: Codable, Sendable {
    var status: Int
    var error: String
}
