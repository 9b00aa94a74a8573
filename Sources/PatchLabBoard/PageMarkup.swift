import PatchLabEvidence

/// Builds a page as the evidence reports do: elements opened and closed in order, every text and
/// attribute value escaped through the reports' own ``ReportText`` (markup characters escaped,
/// terminal and other controls shown as visible symbols); only ``raw(_:)`` writes markup
/// unescaped, and it is for the board's own fixed strings.
struct PageMarkup {
    typealias Attributes = KeyValuePairs<String, String>

    private(set) var text = ""
    private var stack: [String] = []

    mutating func open(_ name: String, _ attributes: Attributes = [:]) {
        text += "<\(name)\(Self.render(attributes))>"
        stack.append(name)
    }

    mutating func close() {
        text += "</\(stack.removeLast())>\n"
    }

    mutating func element(_ name: String, _ attributes: Attributes = [:], text content: String) {
        text += "<\(name)\(Self.render(attributes))>\(ReportText.xml(content))</\(name)>\n"
    }

    /// A void element (`<input>`, `<meta>`, `<link>`).
    mutating func empty(_ name: String, _ attributes: Attributes = [:]) {
        text += "<\(name)\(Self.render(attributes))>\n"
    }

    mutating func text(_ content: String) {
        text += ReportText.xml(content)
    }

    mutating func raw(_ markup: StaticString) {
        text += "\(markup)"
    }

    /// `<a href=…>text</a>`; the link is escaped like any attribute.
    mutating func link(_ href: String, _ content: String, _ attributes: Attributes = [:]) {
        text += "<a href=\"\(ReportText.xmlAttribute(href))\"\(Self.render(attributes))>\(ReportText.xml(content))</a>"
    }

    private static func render(_ attributes: Attributes) -> String {
        attributes.map { name, value in " \(name)=\"\(ReportText.xmlAttribute(value))\"" }.joined()
    }
}
