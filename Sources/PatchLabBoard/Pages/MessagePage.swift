/// A page that only says something: a refusal, a missing packet.
struct MessagePage {
    var title: String
    var message: String
    var signedIn: SignedInMember?

    var html: String {
        BoardPage.render(title: title, signedIn: signedIn) { html in
            html.element("h1", text: title)
            html.element("p", ["class": "problem", "role": "alert"], text: message)
            html.open("p")
            html.link(signedIn == nil ? "/sign-in" : "/packets", signedIn == nil ? "Sign in" : "Back to the packets")
            html.close()
        }
    }
}
