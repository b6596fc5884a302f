/// An XLSX (or XLSM, or Strict OOXML) workbook: its sheet list, shared strings and styles are read
/// on open; each sheet's rows are streamed on demand.
///
/// ```swift
/// let book = try XLSXWorkbook(path: "envio.xlsx")
/// let rows = try book.rows(ofSheet: 0)
/// while let row = try rows.next() { print(row.denseValues) }
/// ```
public final class XLSXWorkbook: @unchecked Sendable {
    public let sheets: [SheetInfo]
    public let dateSystem: DateSystem
    public let displayName: String
    let archive: ZipArchive
    private let sheetParts: [String?]
    private let sharedStrings: [String]
    private let styles: [NumberFormatKind]

    public init(path: String, displayName: String? = nil, limits: ZipLimits = ZipLimits()) throws(SpreadsheetError) {
        let archive = try ZipArchive(path: path, displayName: displayName, limits: limits)
        self.archive = archive
        self.displayName = archive.displayName
        func missing(_ part: String) -> SpreadsheetError {
            SpreadsheetError(file: archive.displayName, problem: .missingPart(part))
        }
        func relationships(of part: String) throws(SpreadsheetError) -> [Relationship]? {
            guard let entry = archive.entry(named: relationshipsPart(for: part)) else { return nil }
            let handler = RelationshipsHandler()
            try archive.parseXML(entry, with: handler)
            return handler.relationships
        }

        // The package's root relationships name the workbook part.
        var workbookPart = "xl/workbook.xml"
        if let root = archive.entry(named: "_rels/.rels") {
            let handler = RelationshipsHandler()
            try archive.parseXML(root, with: handler)
            if let office = handler.relationships.first(where: { $0.kind == "officeDocument" && !$0.isExternal }) {
                workbookPart = resolvePartName(office.target, relativeTo: "")
            }
        } else if archive.entry(named: workbookPart) == nil {
            throw missing("_rels/.rels")
        }
        guard let workbookEntry = archive.entry(named: workbookPart) else { throw missing(workbookPart) }
        let book = WorkbookHandler()
        try archive.parseXML(workbookEntry, with: book)
        guard let rels = try relationships(of: workbookEntry.name) else {
            throw missing(relationshipsPart(for: workbookEntry.name))
        }
        func target(_ rel: Relationship) -> String { resolvePartName(rel.target, relativeTo: workbookEntry.name) }

        // One lookup per sheet (a file may declare tens of thousands); the first of duplicated ids wins.
        var relationshipsByID: [String: Relationship] = [:]
        for rel in rels where relationshipsByID[rel.id] == nil { relationshipsByID[rel.id] = rel }
        var infos: [SheetInfo] = []
        var parts: [String?] = []
        infos.reserveCapacity(book.sheets.count)
        parts.reserveCapacity(book.sheets.count)
        for sheet in book.sheets {
            let rel = relationshipsByID[sheet.relationshipID]
            let kind: SheetInfo.Kind
            switch rel?.kind {
            case "worksheet"?: kind = .worksheet
            case "chartsheet"?: kind = .chartsheet
            case nil: kind = .worksheet
            default: kind = .other
            }
            let visibility: SheetInfo.Visibility
            switch sheet.state {
            case "hidden"?: visibility = .hidden
            case "veryHidden"?: visibility = .veryHidden
            default: visibility = .visible
            }
            infos.append(SheetInfo(name: sheet.name, visibility: visibility, kind: kind))
            parts.append(rel.map(target))
        }
        sheets = infos
        sheetParts = parts
        dateSystem = book.date1904 ? .date1904 : .date1900

        let sharedStringsEntry: ZipEntry?
        if let rel = rels.first(where: { $0.kind == "sharedStrings" && !$0.isExternal }) {
            // Declared: it must be there.
            guard let entry = archive.entry(named: target(rel)) else { throw missing(target(rel)) }
            sharedStringsEntry = entry
        } else {
            sharedStringsEntry = archive.entry(named: "xl/sharedStrings.xml")
        }
        if let sharedStringsEntry {
            let handler = SharedStringsHandler()
            try archive.parseXML(sharedStringsEntry, with: handler)
            sharedStrings = handler.strings
        } else {
            sharedStrings = []
        }
        let stylesEntry =
            rels.first(where: { $0.kind == "styles" }).flatMap { archive.entry(named: target($0)) }
            ?? archive.entry(named: "xl/styles.xml")
        if let stylesEntry {
            let handler = StylesHandler()
            try archive.parseXML(stylesEntry, with: handler)
            styles = handler.styleKinds
        } else {
            styles = []
        }
    }

    /// Streams the rows of the sheet at `index` (chart sheets have none).
    public func rows(ofSheet index: Int) throws(SpreadsheetError) -> any RowReader {
        guard let info = sheets.element(at: index) else {
            throw SpreadsheetError(file: displayName, problem: .sheetNotFound("#\(index + 1)"))
        }
        if info.kind != .worksheet { return XLSXRowReader.empty }
        guard let part = sheetParts.element(at: index) ?? nil, let entry = archive.entry(named: part) else {
            throw SpreadsheetError(file: displayName, problem: .sheetNotFound(info.name))
        }
        let handler = SheetHandler(
            sharedStrings: sharedStrings, styles: styles, dateSystem: dateSystem, sheetName: info.name,
            file: displayName)
        return try XLSXRowReader(
            stream: archive.stream(entry), declaredSize: entry.uncompressedSize,
            parser: AdaptiveXMLParser(handler: handler, file: displayName, part: entry.name, budget: archive.budget),
            handler: handler)
    }
}
