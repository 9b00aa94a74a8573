/// Builds XML (JUnit) and the XML-compatible HTML of the reports, the packet summaries and the
/// board's pages, indented, with every attribute value and every piece of text escaped through
/// ``ReportText``: a renderer has no way to write text that is not escaped, except ``raw(_:)`` for
/// fixed markup of its own. `package`: the board builds its pages with it too, so there is one.
package struct Markup {
    package typealias Attributes = [(name: String, value: String)]
    /// The same, written as a dictionary literal (`["class": "state"]`), order kept.
    package typealias Pairs = KeyValuePairs<String, String>

    package private(set) var text = ""
    private var open: [String] = []
    private let indentUnit: String

    package init(indent: String = "  ") {
        indentUnit = indent
    }

    /// Starts an element whose children follow on their own lines.
    package mutating func open(_ name: String, _ attributes: Attributes = []) {
        line("<\(name)\(Self.render(attributes))>")
        open.append(name)
    }

    /// Ends the innermost open element.
    package mutating func close() {
        let name = open.removeLast()
        line("</\(name)>")
    }

    /// An element holding escaped text on one line (the text itself may span lines: `<pre>`).
    package mutating func element(_ name: String, _ attributes: Attributes = [], text: String) {
        line("<\(name)\(Self.render(attributes))>\(ReportText.xml(text))</\(name)>")
    }

    /// An element with no content, written `<name/>` so it is both XML and HTML.
    package mutating func empty(_ name: String, _ attributes: Attributes = []) {
        line("<\(name)\(Self.render(attributes))/>")
    }

    /// Fixed markup of the renderer's own (a doctype, a style sheet): never guest or plan text.
    package mutating func raw(_ markup: String) {
        line(markup)
    }

    /// Escaped text on its own line, inside the open element.
    package mutating func text(_ content: String) {
        line(ReportText.xml(content))
    }

    /// `<a href=…>text</a>`; the link is escaped like any attribute.
    package mutating func link(_ href: String, _ content: String, _ attributes: Attributes = []) {
        element("a", [("href", href)] + attributes, text: content)
    }

    package mutating func open(_ name: String, _ attributes: Pairs) { open(name, Self.list(attributes)) }
    package mutating func element(_ name: String, _ attributes: Pairs, text: String) { element(name, Self.list(attributes), text: text) }
    package mutating func empty(_ name: String, _ attributes: Pairs) { empty(name, Self.list(attributes)) }
    package mutating func link(_ href: String, _ content: String, _ attributes: Pairs) { link(href, content, Self.list(attributes)) }

    private static func list(_ pairs: Pairs) -> Attributes { pairs.map { (name: $0.key, value: $0.value) } }

    private mutating func line(_ content: String) {
        text += String(repeating: indentUnit, count: open.count) + content + "\n"
    }

    private static func render(_ attributes: Attributes) -> String {
        attributes.map { " \($0.name)=\"\(ReportText.xmlAttribute($0.value))\"" }.joined()
    }
}
