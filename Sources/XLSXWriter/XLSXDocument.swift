import Foundation

/// A workbook to write: sheets of rows of values, with shared strings and a date format.
///
/// ```swift
/// var book = XLSXDocument()
/// book.addSheet("Hoja1", rows: [[.text("Sexo"), .text("Edad")], [.text("Mujer"), .number(34)]])
/// try book.write(to: URL(fileURLWithPath: "libro.xlsx"))
/// ```
public struct XLSXDocument: Sendable {
    public struct Sheet: Sendable {
        public var name: String
        public var rows: [[XLSXCell]]
        /// Column widths in characters (column index → width).
        public var columnWidths: [Int: Double] = [:]
        /// Whether the first row is bold and frozen.
        public var headerRow: Int?
    }

    public var sheets: [Sheet] = []

    public init() {}

    public mutating func addSheet(_ name: String, rows: [[XLSXCell]], headerRow: Int? = nil) {
        sheets.append(Sheet(name: name, rows: rows, headerRow: headerRow))
    }

    /// The `.xlsx` bytes (deterministic for the same content).
    public func data() -> [UInt8] {
        var strings: [String] = []
        var index: [String: Int] = [:]
        func shared(_ s: String) -> Int {
            if let i = index[s] { return i }
            index[s] = strings.count
            strings.append(s)
            return strings.count - 1
        }
        var zip = ZipWriter()
        zip.add("[Content_Types].xml", Array(contentTypes().utf8))
        zip.add("_rels/.rels", Array(Self.rootRels.utf8))
        zip.add("xl/workbook.xml", Array(workbookXML().utf8))
        zip.add("xl/_rels/workbook.xml.rels", Array(workbookRels().utf8))
        zip.add("xl/styles.xml", Array(Self.styles.utf8))
        for (i, sheet) in sheets.enumerated() {
            zip.add("xl/worksheets/sheet\(i + 1).xml", Array(sheetXML(sheet, shared: shared).utf8))
        }
        var sst = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        sst += "<sst xmlns=\"\(Self.main)\" count=\"\(strings.count)\" uniqueCount=\"\(strings.count)\">"
        for s in strings { sst += "<si><t xml:space=\"preserve\">\(Self.escape(s))</t></si>" }
        sst += "</sst>"
        zip.add("xl/sharedStrings.xml", Array(sst.utf8))
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

    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

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
        var s = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        s += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        s += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        s += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        s +=
            "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        s +=
            "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        s +=
            "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
        for i in sheets.indices {
            s +=
                "<Override PartName=\"/xl/worksheets/sheet\(i + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        return s + "</Types>"
    }

    static let rootRels =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"

    func workbookXML() -> String {
        var s = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        s += "<workbook xmlns=\"\(Self.main)\" xmlns:r=\"\(Self.relNS)\"><sheets>"
        for (i, sheet) in sheets.enumerated() {
            s += "<sheet name=\"\(Self.escape(sheet.name))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
        }
        return s + "</sheets></workbook>"
    }

    func workbookRels() -> String {
        var s = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        s += "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for i in sheets.indices {
            s +=
                "<Relationship Id=\"rId\(i + 1)\" Type=\"\(Self.relNS)/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>"
        }
        let n = sheets.count
        s += "<Relationship Id=\"rId\(n + 1)\" Type=\"\(Self.relNS)/styles\" Target=\"styles.xml\"/>"
        s += "<Relationship Id=\"rId\(n + 2)\" Type=\"\(Self.relNS)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        return s + "</Relationships>"
    }

    /// Style 0: default; 1: date dd/mm/yyyy; 2: bold header.
    static let styles =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/></numFmts><fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts><fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills><borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs><cellXfs count=\"3\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/><xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/><xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>"

    func sheetXML(_ sheet: Sheet, shared: (String) -> Int) -> String {
        var s = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        s += "<worksheet xmlns=\"\(Self.main)\" xmlns:r=\"\(Self.relNS)\">"
        if let h = sheet.headerRow {
            s +=
                "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"\(h + 1)\" topLeftCell=\"A\(h + 2)\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
        }
        if !sheet.columnWidths.isEmpty {
            s += "<cols>"
            for (c, w) in sheet.columnWidths.sorted(by: { $0.key < $1.key }) {
                s += "<col min=\"\(c + 1)\" max=\"\(c + 1)\" width=\"\(w)\" customWidth=\"1\"/>"
            }
            s += "</cols>"
        }
        s += "<sheetData>"
        for (r, row) in sheet.rows.enumerated() {
            var cells = ""
            for (c, cell) in row.enumerated() {
                let ref = Self.column(c) + String(r + 1)
                let bold = sheet.headerRow == r ? " s=\"2\"" : ""
                switch cell {
                case .empty: continue
                case .text(let t): cells += "<c r=\"\(ref)\" t=\"s\"\(bold)><v>\(shared(t))</v></c>"
                case .number(let n): cells += "<c r=\"\(ref)\"\(bold)><v>\(Self.number(n))</v></c>"
                case .bool(let b): cells += "<c r=\"\(ref)\" t=\"b\"><v>\(b ? 1 : 0)</v></c>"
                case .date(let y, let m, let d):
                    cells += "<c r=\"\(ref)\" s=\"1\"><v>\(Self.serial(year: y, month: m, day: d))</v></c>"
                }
            }
            if !cells.isEmpty { s += "<row r=\"\(r + 1)\">\(cells)</row>" }
        }
        return s + "</sheetData></worksheet>"
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

    static func column(_ index: Int) -> String {
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
