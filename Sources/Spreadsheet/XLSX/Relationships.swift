/// One `<Relationship>` of an OPC `.rels` part.
struct Relationship {
    var id: String
    var type: String
    var target: String
    var isExternal: Bool

    /// The last path segment of the type URI (`worksheet`, `sharedStrings`, `officeDocument`…),
    /// the same for transitional and strict OOXML.
    var kind: Substring { type.split(separator: "/").last ?? "" }
}

/// Collects the relationships of a `.rels` part.
final class RelationshipsHandler: XMLEventHandler {
    var relationships: [Relationship] = []

    override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        guard name.is("Relationship") else { return }
        relationships.append(
            Relationship(
                id: attributes.string("Id") ?? "",
                type: attributes.string("Type") ?? "",
                target: attributes.string("Target") ?? "",
                isExternal: attributes.string("TargetMode") == "External"))
    }
}
