/// Builds XML (JUnit) and the XML-compatible HTML of the page report, indented, with every attribute
/// value and every piece of text escaped through ``ReportText``: a renderer has no way to write
/// text that is not escaped, except ``raw(_:)`` for fixed markup of its own.
struct Markup {
    typealias Attributes = [(name: String, value: String)]

    private(set) var text = ""
    private var open: [String] = []
    private let indentUnit: String

    init(indent: String = "  ") {
        indentUnit = indent
    }

    /// Starts an element whose children follow on their own lines.
    mutating func open(_ name: String, _ attributes: Attributes = []) {
        line("<\(name)\(Self.render(attributes))>")
        open.append(name)
    }

    /// Ends the innermost open element.
    mutating func close() {
        let name = open.removeLast()
        line("</\(name)>")
    }

    /// An element holding escaped text on one line (the text itself may span lines: `<pre>`).
    mutating func element(_ name: String, _ attributes: Attributes = [], text: String) {
        line("<\(name)\(Self.render(attributes))>\(ReportText.xml(text))</\(name)>")
    }

    /// An element with no content, written `<name/>` so it is both XML and HTML.
    mutating func empty(_ name: String, _ attributes: Attributes = []) {
        line("<\(name)\(Self.render(attributes))/>")
    }

    /// Fixed markup of the renderer's own (a doctype, a style sheet): never guest or plan text.
    mutating func raw(_ markup: String) {
        line(markup)
    }

    private mutating func line(_ content: String) {
        text += String(repeating: indentUnit, count: open.count) + content + "\n"
    }

    private static func render(_ attributes: Attributes) -> String {
        attributes.map { " \($0.name)=\"\(ReportText.xmlAttribute($0.value))\"" }.joined()
    }
}
