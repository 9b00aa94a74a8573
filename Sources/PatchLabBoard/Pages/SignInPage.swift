/// The sign-in form: member id and the member's board secret. It carries no CSRF token because it
/// starts the session the token belongs to; SameSite cookies and the Origin check guard it instead.
struct SignInPage {
    var boardName: String
    var member: String = ""
    var problem: String?

    var html: String {
        BoardPage.render(title: "Sign in", signedIn: nil) { html in
            html.element("h1", text: "\(boardName): sign in")
            if let problem { html.element("p", ["class": "problem", "role": "alert", "id": "problem"], text: problem) }
            html.open("form", ["class": "signin", "method": "post", "action": "/sign-in"])
            html.element("label", ["for": "member"], text: "Member id")
            html.empty(
                "input",
                [
                    "type": "text", "id": "member", "name": "member", "value": member, "autocomplete": "username",
                    "required": "required",
                ])
            html.element("label", ["for": "secret"], text: "Board secret")
            html.empty(
                "input",
                [
                    "type": "password", "id": "secret", "name": "secret", "autocomplete": "current-password",
                    "required": "required",
                ])
            html.element("button", ["type": "submit", "id": "sign-in"], text: "Sign in")
            html.close()
        }
    }
}
