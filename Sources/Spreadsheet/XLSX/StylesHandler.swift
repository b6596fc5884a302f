/// Reads `styles.xml`: which cell style indexes format numbers as dates or durations.
final class StylesHandler: XMLEventHandler {
    private var customFormats: [Int: String] = [:]
    private var cellFormatIDs: [Int] = []
    private var inCellXfs = false

    override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.is("numFmt") {
            if let id = attributes.string("numFmtId").flatMap({ Int($0) }) {
                customFormats[id] = attributes.string("formatCode") ?? ""
            }
        } else if name.is("cellXfs") {
            inCellXfs = true
        } else if name.is("xf") && inCellXfs {
            cellFormatIDs.append(attributes.string("numFmtId").flatMap { Int($0) } ?? 0)
        }
    }

    override func endElement(_ name: XMLName) {
        if name.is("cellXfs") { inCellXfs = false }
    }

    /// The kind of every cell style, indexed by the `s` attribute of cells.
    var styleKinds: [NumberFormatKind] {
        cellFormatIDs.map { NumberFormatKind.classify(id: $0, code: customFormats[$0]) }
    }
}
