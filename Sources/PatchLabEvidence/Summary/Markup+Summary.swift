/// Small building blocks the packet summary page repeats: fact lists, table rows and links to
/// packet files. Everything still goes through ``Markup``'s escaping.
extension Markup {
    mutating func definitions(_ facts: [(String, String)], class name: String = "facts") {
        open("dl", [("class", name)])
        for (term, value) in facts {
            element("dt", text: term)
            element("dd", text: value)
        }
        close()
    }

    mutating func headerRow(_ cells: [String]) {
        open("thead")
        open("tr")
        for cell in cells { element("th", text: cell) }
        close()
        close()
    }

    /// A link to a packet file by its relative path; plain text when the path could leave the packet.
    mutating func fileLink(_ path: String, text: String? = nil) {
        if let href = PacketFacts.href(path) {
            element("a", [("href", href)], text: text ?? path)
        } else {
            element("span", [("class", "muted")], text: text ?? path)
        }
    }

    /// A list of links to packet files, or a muted note when there is none.
    mutating func fileLinks(_ paths: [String], none: String) {
        guard !paths.isEmpty else {
            element("span", [("class", "muted")], text: none)
            return
        }
        open("ul", [("class", "files")])
        for path in paths {
            open("li")
            fileLink(path)
            close()
        }
        close()
    }
}
