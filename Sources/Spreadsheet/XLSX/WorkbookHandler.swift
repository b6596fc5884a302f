/// Reads `workbook.xml`: the sheets in order and the date system.
final class WorkbookHandler: XMLEventHandler {
    struct SheetEntry {
        var name: String
        var relationshipID: String
        var state: String?
    }
    var sheets: [SheetEntry] = []
    var date1904 = false

    override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.is("sheet") {
            sheets.append(
                SheetEntry(
                    name: attributes.string("name") ?? "Hoja\(sheets.count + 1)",
                    relationshipID: attributes.namespacedString("id") ?? attributes.string("id") ?? "",
                    state: attributes.string("state")))
        } else if name.is("workbookPr") {
            let v = attributes.string("date1904")?.lowercased()
            date1904 = v == "1" || v == "true" || v == "on"
        }
    }
}
