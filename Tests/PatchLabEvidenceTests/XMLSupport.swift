import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Strict XML parsing for the JUnit and HTML reports: a report that is not well-formed fails here.
enum XMLSupport {
    static func parse(_ text: String) throws -> XMLDocument {
        try XMLDocument(xmlString: text, options: [])
    }
}

extension XMLElement {
    func attribute(_ name: String) -> String? {
        attribute(forName: name)?.stringValue
    }

    func children(named name: String) -> [XMLElement] {
        elements(forName: name)
    }
}
