import Foundation
import Hummingbird

/// The browser session cookie: HttpOnly so no script can read it, SameSite=Strict so no other site
/// can make the browser send it, and no longer-lived than the session it names.
enum SessionCookie {
    static let name = "patchlab_session"

    static func issue(_ token: String, expiresAt: Date, now: Date, secure: Bool) -> Cookie {
        Cookie(
            name: name, value: token, maxAge: max(0, Int(expiresAt.timeIntervalSince(now))), path: "/",
            secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// The cookie that tells the browser to forget the session.
    static func clear(secure: Bool) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }
}
