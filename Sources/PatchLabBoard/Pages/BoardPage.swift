import PatchLabEvidence
/// The frame of every board page: the document head (no script, the board's own style sheet only),
/// the top bar with who is signed in and a sign-out form carrying the CSRF token, then the page's
/// own content.
enum BoardPage {
    static func render(title: String, signedIn: SignedInMember?, content: (inout Markup) -> Void) -> String {
        var html = Markup()
        html.raw("<!DOCTYPE html>")
        html.open("html", ["lang": "en"])
        html.open("head")
        html.empty("meta", ["charset": "utf-8"])
        html.empty("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
        html.empty("meta", ["name": "referrer", "content": "same-origin"])
        html.element("title", text: "\(title) · PatchLab change board")
        html.empty("link", ["rel": "stylesheet", "href": "/board.css"])
        html.close()
        html.open("body")
        html.open("header", ["class": "top"])
        html.link("/packets", "PatchLab change board")
        if let signedIn {
            html.open("span", ["class": "who"])
            html.text("Signed in as \(signedIn.member.name) (\(signedIn.member.id)) ")
            html.open("form", ["method": "post", "action": "/sign-out"])
            html.empty("input", ["type": "hidden", "name": StateChangeGuard.formField, "value": signedIn.session.csrfToken])
            html.element("button", ["type": "submit", "id": "sign-out"], text: "Sign out")
            html.close()
            html.close()
        }
        html.close()
        html.open("main")
        content(&html)
        html.close()
        html.close()
        html.close()
        return html.text
    }
}
