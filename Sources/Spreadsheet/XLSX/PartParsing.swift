extension ZipArchive {
    /// Streams an entry through an XML handler (used for the small parts of a workbook).
    func parseXML(_ entry: ZipEntry, with handler: XMLEventHandler) throws(SpreadsheetError) {
        let stream = try stream(entry)
        let parser = AdaptiveXMLParser(handler: handler, file: displayName, part: entry.name, budget: budget)
        try parser.parse(reading: stream.next)
    }
}

/// Resolves a relationship target against the folder of the part that declares it.
func resolvePartName(_ target: String, relativeTo sourcePart: String) -> String {
    var t = target.replacingBackslashes()
    if let hash = t.firstIndex(of: "#") { t = String(t[..<hash]) }
    var components: [Substring]
    if t.hasPrefix("/") {
        components = []
    } else {
        components = sourcePart.split(separator: "/", omittingEmptySubsequences: true)
        if !components.isEmpty { components.removeLast() }
    }
    for piece in t.split(separator: "/", omittingEmptySubsequences: true) {
        if piece == "." { continue }
        if piece == ".." {
            if !components.isEmpty { components.removeLast() }
        } else {
            components.append(piece)
        }
    }
    return components.joined(separator: "/")
}

/// The `_rels/X.rels` part that holds the relationships of `part`.
func relationshipsPart(for part: String) -> String {
    var folder = part.split(separator: "/", omittingEmptySubsequences: true)
    let file = folder.popLast() ?? ""
    return (folder + ["_rels", file + ".rels"]).joined(separator: "/")
}
