/// Reads `workbook.xml`: the sheets in order and the date system.
final class WorkbookHandler: XMLEventHandler {
    struct SheetEntry {
        var name: String
        var relationshipID: String
        var state: String?
    }
    var sheets: [SheetEntry] = []
    var date1904 = false
    /// Inside `mc:Fallback` of an `mc:AlternateContent` (a copy for older readers): ignored, so that
    /// its `workbookPr` cannot reset the date system the first one set.
    private var fallbackDepth = 0
    private var sawWorkbookPr = false

    override func endElement(_ name: XMLName) {
        if name.is("Fallback") && fallbackDepth > 0 { fallbackDepth -= 1 }
    }

    override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.is("Fallback") {
            fallbackDepth += 1
            return
        }
        guard fallbackDepth == 0 else { return }
        if name.is("sheet") {
            sheets.append(
                SheetEntry(
                    name: attributes.string("name") ?? "Hoja\(sheets.count + 1)",
                    relationshipID: attributes.namespacedString("id") ?? attributes.string("id") ?? "",
                    state: attributes.string("state")))
        } else if name.is("workbookPr") && !sawWorkbookPr {
            // The first workbookPr decides (a later copy, as some Excel for Mac files carry, does not).
            sawWorkbookPr = true
            let v = attributes.string("date1904")?.lowercased()
            date1904 = v == "1" || v == "true" || v == "on"
        }
    }
}
