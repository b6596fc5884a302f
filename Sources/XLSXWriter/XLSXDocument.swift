import Foundation

/// A workbook to write: sheets of rows of values with shared strings, styles, column widths,
/// frozen panes, data validations, comments, links to cells, hidden and protected sheets,
/// defined names and document properties. The same content always gives the same bytes.
///
/// ```swift
/// var book = XLSXDocument()
/// book.addSheet("Hoja1", rows: [[.text("Sexo"), .text("Edad")], [.text("Mujer"), .number(34)]], headerRow: 0)
/// try book.write(to: URL(fileURLWithPath: "libro.xlsx"))
/// ```
public struct XLSXDocument: Sendable {
    public struct Sheet: Sendable {
        public enum Visibility: String, Sendable { case visible, hidden, veryHidden }

        public var name: String
        public var rows: [[XLSXCell]]
        /// Column widths in characters (column index → width).
        public var columnWidths: [Int: Double] = [:]
        /// A row (zero-based) drawn bold and frozen with the rows above it.
        public var headerRow: Int?
        /// Styles of single cells, by zero-based (row, column).
        public var cellStyles: [CellKey: XLSXStyle] = [:]
        public var validations: [XLSXDataValidation] = []
        public var comments: [XLSXComment] = []
        public var hyperlinks: [XLSXHyperlink] = []
        public var visibility: Visibility = .visible
        /// Protected against edits (no password): the structure stays as written.
        public var protected = false
        /// Printed in landscape, scaled to the page width.
        public var printFitToWidth = false
        /// Merged ranges in A1 notation (`A5:F5`); the first cell's value and style show.
        public var mergedRanges: [String] = []
        /// Row heights in points, by zero-based row (spreadsheet programs do not grow merged rows).
        public var rowHeights: [Int: Double] = [:]

        public init(name: String, rows: [[XLSXCell]], headerRow: Int? = nil) {
            self.name = name
            self.rows = rows
            self.headerRow = headerRow
        }
    }

    public struct CellKey: Sendable, Hashable {
        public var row: Int
        public var column: Int
        public init(_ row: Int, _ column: Int) {
            self.row = row
            self.column = column
        }
    }

    public var sheets: [Sheet] = []
    /// Workbook-level names (`lista_sexo` → `Catalogos!$A$2:$A$4`).
    public var definedNames: [(name: String, reference: String)] = []
    public var properties = XLSXProperties()

    public init() {}

    public mutating func addSheet(_ name: String, rows: [[XLSXCell]], headerRow: Int? = nil) {
        sheets.append(Sheet(name: name, rows: rows, headerRow: headerRow))
    }

    public mutating func addSheet(_ sheet: Sheet) { sheets.append(sheet) }

    /// The header style used for `headerRow`.
    public static let headerStyle = XLSXStyle(bold: true, fill: "DCE6F1", border: true, wrap: true)

    /// The `.xlsx` bytes.
    public func data() -> [UInt8] {
        var strings = SharedStrings()
        var styles = StyleTable()
        var zip = ZipWriter()
        let sheetXML = sheets.enumerated().map { i, sheet in
            self.sheetXML(sheet, index: i, strings: &strings, styles: &styles)
        }
        zip.add("[Content_Types].xml", Array(contentTypes().utf8))
        zip.add("_rels/.rels", Array(Self.rootRels.utf8))
        zip.add("docProps/core.xml", Array(coreXML().utf8))
        zip.add("docProps/app.xml", Array(Self.appXML.utf8))
        zip.add("xl/workbook.xml", Array(workbookXML().utf8))
        zip.add("xl/_rels/workbook.xml.rels", Array(workbookRels().utf8))
        zip.add("xl/styles.xml", Array(styles.xml().utf8))
        for (i, sheet) in sheets.enumerated() {
            zip.add("xl/worksheets/sheet\(i + 1).xml", Array(sheetXML[i].utf8))
            if !sheet.comments.isEmpty {
                zip.add("xl/worksheets/_rels/sheet\(i + 1).xml.rels", Array(sheetRels(i).utf8))
                zip.add("xl/comments\(i + 1).xml", Array(commentsXML(sheet).utf8))
                zip.add("xl/drawings/vmlDrawing\(i + 1).vml", Array(vmlXML(sheet).utf8))
            }
        }
        zip.add("xl/sharedStrings.xml", Array(strings.xml().utf8))
        return zip.finish()
    }

    /// Writes atomically: a temporary file in the same folder, then a rename.
    public func write(to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
        try Data(data()).write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
    }

    // MARK: Parts

    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    static func escape(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\r": out += "_x000D_"
            default:
                if u.value < 0x20 && u != "\n" && u != "\t" {
                    out += String(format: "_x%04X_", u.value)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }

    func contentTypes() -> String {
        var s = Self.header + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        s += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        s += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        s += "<Default Extension=\"vml\" ContentType=\"application/vnd.openxmlformats-officedocument.vmlDrawing\"/>"
        s +=
            "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        s +=
            "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        s +=
            "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
        s +=
            "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
        s +=
            "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
        for (i, sheet) in sheets.enumerated() {
            s +=
                "<Override PartName=\"/xl/worksheets/sheet\(i + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
            if !sheet.comments.isEmpty {
                s +=
                    "<Override PartName=\"/xl/comments\(i + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml\"/>"
            }
        }
        return s + "</Types>"
    }

    static let rootRels =
        header
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/><Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/></Relationships>"

    static let appXML =
        header
        + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>Informe Anual</Application></Properties>"

    func coreXML() -> String {
        let p = properties
        var s = Self.header
        s += "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
        s += "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
        s += "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
        if let t = p.title { s += "<dc:title>\(Self.escape(t))</dc:title>" }
        if let t = p.subject { s += "<dc:subject>\(Self.escape(t))</dc:subject>" }
        if let t = p.creator { s += "<dc:creator>\(Self.escape(t))</dc:creator>" }
        if let t = p.keywords { s += "<cp:keywords>\(Self.escape(t))</cp:keywords>" }
        if let t = p.description { s += "<dc:description>\(Self.escape(t))</dc:description>" }
        if let t = p.created {
            s += "<dcterms:created xsi:type=\"dcterms:W3CDTF\">\(Self.escape(t))</dcterms:created>"
            s += "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">\(Self.escape(t))</dcterms:modified>"
        }
        return s + "</cp:coreProperties>"
    }

    func workbookXML() -> String {
        var s = Self.header + "<workbook xmlns=\"\(Self.main)\" xmlns:r=\"\(Self.relNS)\">"
        // The first visible sheet is the active one.
        let activa = sheets.firstIndex { $0.visibility == .visible } ?? 0
        s += "<bookViews><workbookView activeTab=\"\(activa)\" firstSheet=\"\(activa)\"/></bookViews><sheets>"
        for (i, sheet) in sheets.enumerated() {
            let state = sheet.visibility == .visible ? "" : " state=\"\(sheet.visibility.rawValue)\""
            s += "<sheet name=\"\(Self.escape(sheet.name))\" sheetId=\"\(i + 1)\"\(state) r:id=\"rId\(i + 1)\"/>"
        }
        s += "</sheets>"
        if !definedNames.isEmpty {
            s += "<definedNames>"
            for (name, reference) in definedNames {
                s += "<definedName name=\"\(Self.escape(name))\">\(Self.escape(reference))</definedName>"
            }
            s += "</definedNames>"
        }
        return s + "</workbook>"
    }

    func workbookRels() -> String {
        var s = Self.header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for i in sheets.indices {
            s +=
                "<Relationship Id=\"rId\(i + 1)\" Type=\"\(Self.relNS)/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>"
        }
        let n = sheets.count
        s += "<Relationship Id=\"rId\(n + 1)\" Type=\"\(Self.relNS)/styles\" Target=\"styles.xml\"/>"
        s += "<Relationship Id=\"rId\(n + 2)\" Type=\"\(Self.relNS)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        return s + "</Relationships>"
    }

    func sheetRels(_ i: Int) -> String {
        Self.header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"\(Self.relNS)/comments\" Target=\"../comments\(i + 1).xml\"/>"
            + "<Relationship Id=\"rId2\" Type=\"\(Self.relNS)/vmlDrawing\" Target=\"../drawings/vmlDrawing\(i + 1).vml\"/>"
            + "</Relationships>"
    }

    func sheetXML(_ sheet: Sheet, index: Int, strings: inout SharedStrings, styles: inout StyleTable) -> String {
        var s = Self.header + "<worksheet xmlns=\"\(Self.main)\" xmlns:r=\"\(Self.relNS)\">"
        if sheet.printFitToWidth { s += "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>" }
        let activa = sheets.firstIndex { $0.visibility == .visible } ?? 0
        s += "<sheetViews><sheetView workbookViewId=\"0\"\(index == activa ? " tabSelected=\"1\"" : "")>"
        if let h = sheet.headerRow {
            s += "<pane ySplit=\"\(h + 1)\" topLeftCell=\"A\(h + 2)\" activePane=\"bottomLeft\" state=\"frozen\"/>"
            s += "<selection pane=\"bottomLeft\" activeCell=\"A\(h + 2)\" sqref=\"A\(h + 2)\"/>"
        }
        s += "</sheetView></sheetViews>"
        if !sheet.columnWidths.isEmpty {
            s += "<cols>"
            for (c, w) in sheet.columnWidths.sorted(by: { $0.key < $1.key }) {
                s += "<col min=\"\(c + 1)\" max=\"\(c + 1)\" width=\"\(w)\" customWidth=\"1\"/>"
            }
            s += "</cols>"
        }
        s += "<sheetData>"
        // Styled cells outside the written rows still need a cell to carry the style.
        var filas = sheet.rows
        for key in sheet.cellStyles.keys {
            while filas.count <= key.row { filas.append([]) }
            while filas[key.row].count <= key.column { filas[key.row].append(.empty) }
        }
        for (r, row) in filas.enumerated() {
            var cells = ""
            for (c, cell) in row.enumerated() {
                let ref = Self.column(c) + String(r + 1)
                var estilo = sheet.cellStyles[CellKey(r, c)]
                if estilo == nil && sheet.headerRow == r && cell != .empty { estilo = Self.headerStyle }
                let esFecha: Bool
                if case .date = cell { esFecha = true } else { esFecha = false }
                let indice = (estilo != nil || esFecha) ? styles.index(estilo ?? XLSXStyle(), date: esFecha) : 0
                let sAttr = indice == 0 ? "" : " s=\"\(indice)\""
                switch cell {
                case .empty:
                    if indice != 0 { cells += "<c r=\"\(ref)\"\(sAttr)/>" }
                case .text(let t): cells += "<c r=\"\(ref)\" t=\"s\"\(sAttr)><v>\(strings.index(t))</v></c>"
                case .number(let n): cells += "<c r=\"\(ref)\"\(sAttr)><v>\(Self.number(n))</v></c>"
                case .bool(let b): cells += "<c r=\"\(ref)\" t=\"b\"\(sAttr)><v>\(b ? 1 : 0)</v></c>"
                case .date(let y, let m, let d):
                    cells += "<c r=\"\(ref)\"\(sAttr)><v>\(Self.serial(year: y, month: m, day: d))</v></c>"
                }
            }
            let alto = sheet.rowHeights[r].map { " ht=\"\($0)\" customHeight=\"1\"" } ?? ""
            if !cells.isEmpty || !alto.isEmpty { s += "<row r=\"\(r + 1)\"\(alto)>\(cells)</row>" }
        }
        s += "</sheetData>"
        if sheet.protected { s += "<sheetProtection sheet=\"1\" objects=\"1\" scenarios=\"1\"/>" }
        if !sheet.mergedRanges.isEmpty {
            s += "<mergeCells count=\"\(sheet.mergedRanges.count)\">"
            for m in sheet.mergedRanges { s += "<mergeCell ref=\"\(Self.escape(m))\"/>" }
            s += "</mergeCells>"
        }
        if !sheet.validations.isEmpty {
            s += "<dataValidations count=\"\(sheet.validations.count)\">"
            for v in sheet.validations { s += validationXML(v) }
            s += "</dataValidations>"
        }
        if !sheet.hyperlinks.isEmpty {
            s += "<hyperlinks>"
            for h in sheet.hyperlinks {
                let tip = h.tooltip.map { " tooltip=\"\(Self.escape($0))\"" } ?? ""
                s +=
                    "<hyperlink ref=\"\(Self.column(h.column))\(h.row + 1)\" location=\"\(Self.escape(h.location))\"\(tip) display=\"\(Self.escape(h.location))\"/>"
            }
            s += "</hyperlinks>"
        }
        s += "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
        if sheet.printFitToWidth {
            s += "<pageSetup paperSize=\"1\" orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/>"
        }
        if !sheet.comments.isEmpty { s += "<legacyDrawing r:id=\"rId2\"/>" }
        return s + "</worksheet>"
    }

    func validationXML(_ v: XLSXDataValidation) -> String {
        var tipo = ""
        var formulas = ""
        switch v.kind {
        case .list(let f):
            tipo = "type=\"list\""
            formulas = "<formula1>\(Self.escape(f))</formula1>"
        case .whole(let a, let b):
            tipo = "type=\"whole\" operator=\"between\""
            formulas = "<formula1>\(a)</formula1><formula2>\(b)</formula2>"
        case .decimal(let a, let b):
            tipo = "type=\"decimal\" operator=\"between\""
            formulas = "<formula1>\(Self.number(a))</formula1><formula2>\(Self.number(b))</formula2>"
        case .date(let a, let b):
            tipo = "type=\"date\" operator=\"between\""
            func serie(_ c: XLSXCell) -> String {
                if case .date(let y, let m, let d) = c { return String(Self.serial(year: y, month: m, day: d)) }
                return "1"
            }
            formulas = "<formula1>\(serie(a))</formula1><formula2>\(serie(b))</formula2>"
        case .textLength(let max):
            tipo = "type=\"textLength\" operator=\"lessThanOrEqual\""
            formulas = "<formula1>\(max)</formula1>"
        case .any:
            tipo = "type=\"none\""
        }
        var s = "<dataValidation \(tipo) allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\""
        if let t = v.promptTitle { s += " promptTitle=\"\(Self.escape(String(t.prefix(32))))\"" }
        if let t = v.prompt { s += " prompt=\"\(Self.escape(String(t.prefix(255))))\"" }
        if let t = v.errorTitle { s += " errorTitle=\"\(Self.escape(String(t.prefix(32))))\"" }
        if let t = v.error { s += " error=\"\(Self.escape(String(t.prefix(255))))\"" }
        return s + " sqref=\"\(v.range)\">\(formulas)</dataValidation>"
    }

    func commentsXML(_ sheet: Sheet) -> String {
        let autores = Array(Set(sheet.comments.map(\.author))).sorted()
        var s = Self.header + "<comments xmlns=\"\(Self.main)\"><authors>"
        for a in autores { s += "<author>\(Self.escape(a))</author>" }
        s += "</authors><commentList>"
        for c in sheet.comments {
            s +=
                "<comment ref=\"\(Self.column(c.column))\(c.row + 1)\" authorId=\"\(autores.firstIndex(of: c.author) ?? 0)\">"
            s += "<text><r><t xml:space=\"preserve\">\(Self.escape(c.text))</t></r></text></comment>"
        }
        return s + "</commentList></comments>"
    }

    /// The legacy VML shapes Excel needs to show comments.
    func vmlXML(_ sheet: Sheet) -> String {
        var s =
            "<xml xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:x=\"urn:schemas-microsoft-com:office:excel\">"
        s += "<o:shapelayout v:ext=\"edit\"><o:idmap v:ext=\"edit\" data=\"1\"/></o:shapelayout>"
        s +=
            "<v:shapetype id=\"_x0000_t202\" coordsize=\"21600,21600\" o:spt=\"202\" path=\"m,l,21600r21600,l21600,xe\">"
        s += "<v:stroke joinstyle=\"miter\"/><v:path gradientshapeok=\"t\" o:connecttype=\"rect\"/></v:shapetype>"
        for (i, c) in sheet.comments.enumerated() {
            s +=
                "<v:shape id=\"_x0000_s\(1025 + i)\" type=\"#_x0000_t202\" style=\"position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:180pt;height:60pt;z-index:\(i + 1);visibility:hidden\" fillcolor=\"#ffffe1\" o:insetmode=\"auto\">"
            s +=
                "<v:fill color2=\"#ffffe1\"/><v:shadow on=\"t\" color=\"black\" obscured=\"t\"/><v:path o:connecttype=\"none\"/>"
            s += "<v:textbox style=\"mso-direction-alt:auto\"><div style=\"text-align:left\"></div></v:textbox>"
            s += "<x:ClientData ObjectType=\"Note\"><x:MoveWithCells/><x:SizeWithCells/>"
            s += "<x:Anchor>\(c.column + 1), 15, \(c.row), 2, \(c.column + 4), 15, \(c.row + 4), 16</x:Anchor>"
            s +=
                "<x:AutoFill>False</x:AutoFill><x:Row>\(c.row)</x:Row><x:Column>\(c.column)</x:Column></x:ClientData></v:shape>"
        }
        return s + "</xml>"
    }

    static func number(_ n: Double) -> String {
        if n == n.rounded() && abs(n) < 1e15 { return String(Int64(n)) }
        return String(n)
    }

    /// The 1900-system serial of a date (after 1900-03-01).
    static func serial(year: Int, month: Int, day: Int) -> Int {
        func days(_ y0: Int, _ m: Int, _ d: Int) -> Int {
            let y = m <= 2 ? y0 - 1 : y0
            let era = (y >= 0 ? y : y - 399) / 400
            let yoe = y - era * 400
            let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1
            return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468
        }
        return days(year, month, day) - days(1899, 12, 30)
    }

    /// `0 → A`, `26 → AA`.
    public static func column(_ index: Int) -> String {
        var n = index + 1
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }
}
