/// An OpenDocument spreadsheet (`.ods`, what LibreOffice saves by default): its table names are read
/// on open; each table's rows are streamed from `content.xml` on demand through libxml2, with the
/// reader's ZIP, XML and work limits.
///
/// ```swift
/// let book = try ODSWorkbook(path: "envio.ods")
/// let rows = try book.rows(ofSheet: 0)
/// while let row = try rows.next() { print(row.denseValues) }
/// ```
public final class ODSWorkbook: @unchecked Sendable {
    public static let mimeType = "application/vnd.oasis.opendocument.spreadsheet"
    public let sheets: [SheetInfo]
    public let displayName: String
    let archive: ZipArchive
    let content: ZipEntry

    public convenience init(path: String, displayName: String? = nil, limits: ZipLimits = ZipLimits())
        throws(SpreadsheetError)
    {
        try self.init(archive: ZipArchive(path: path, displayName: displayName, limits: limits))
    }

    init(archive: ZipArchive) throws(SpreadsheetError) {
        self.archive = archive
        displayName = archive.displayName
        if let tipo = archive.entry(named: "mimetype") {
            let bytes = try archive.contents(of: tipo, maxSize: 256)
            let texto = String(decoding: bytes, as: UTF8.self).trimmingCharactersInSet()
            guard texto == Self.mimeType else {
                throw SpreadsheetError(file: archive.displayName, problem: .unknownFormat)
            }
        }
        guard let content = archive.entry(named: "content.xml") else {
            throw SpreadsheetError(file: archive.displayName, problem: .missingPart("content.xml"))
        }
        self.content = content
        let handler = ODSHandler(mode: .names, file: archive.displayName, budget: archive.budget)
        try archive.parseXML(content, with: handler)
        sheets = handler.names.map { SheetInfo(name: $0) }
    }

    /// True when the ZIP is an OpenDocument spreadsheet (its `mimetype`, or a `content.xml` without
    /// the parts of an XLSX).
    static func isODS(_ archive: ZipArchive) -> Bool {
        if let tipo = archive.entry(named: "mimetype"), let bytes = try? archive.contents(of: tipo, maxSize: 256) {
            return String(decoding: bytes, as: UTF8.self).trimmingCharactersInSet() == mimeType
        }
        return archive.entry(named: "content.xml") != nil && archive.entry(named: "[Content_Types].xml") == nil
    }

    /// Streams the rows of the table at `index`.
    public func rows(ofSheet index: Int) throws(SpreadsheetError) -> any RowReader {
        guard sheets.element(at: index) != nil else {
            throw SpreadsheetError(file: displayName, problem: .sheetNotFound("#\(index + 1)"))
        }
        let handler = ODSHandler(mode: .rows(index), file: displayName, budget: archive.budget)
        return try XLSXRowReader(
            stream: archive.stream(content), declaredSize: content.uncompressedSize,
            parser: AdaptiveXMLParser(handler: handler, file: displayName, part: content.name, budget: archive.budget),
            handler: handler)
    }
}

extension String {
    /// Without surrounding spaces and line breaks (no Foundation in this module).
    func trimmingCharactersInSet() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\n" || f == "\r" || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\n" || l == "\r" || l == "\t" { s.removeLast() }
        return String(s)
    }
}
