/// Any spreadsheet the program accepts: an XLSX workbook, an OpenDocument spreadsheet (`.ods`) or a
/// CSV file (one sheet named after the file). The format is decided from the file's first bytes and
/// parts, not from its extension.
///
/// ```swift
/// let book = try Workbook.open(path: "Victimas.csv")
/// let rows = try book.rows(ofSheet: 0)
/// while let row = try rows.next() { print(row.number, row.denseValues) }
/// ```
public final class Workbook: @unchecked Sendable {
    public enum Format: String, Sendable { case xlsx, ods, csv }

    public let format: Format
    public let sheets: [SheetInfo]
    public let displayName: String
    private let xlsx: XLSXWorkbook?
    private let ods: ODSWorkbook?
    private let path: String
    private let csvOptions: CSVOptions

    /// Opens `path`; `displayName` (default: the path) is what error messages call the file.
    public static func open(
        path: String, displayName: String? = nil, limits: ZipLimits = ZipLimits(), csvOptions: CSVOptions = CSVOptions()
    ) throws(SpreadsheetError) -> Workbook {
        let name = displayName ?? path
        let head = try FileProbe.head(path: path, displayName: name)
        // A workbook by its name or its magic bytes; anything named .xlsx that is not a ZIP is
        // reported as such rather than read as text.
        let ods = path.lowercased().hasSuffix(".ods")
        if head.starts(with: [0x50, 0x4B]) && !ods {
            let archive = try ZipArchive(path: path, displayName: name, limits: limits)
            if ODSWorkbook.isODS(archive) {
                return Workbook(
                    format: .ods, xlsx: nil, ods: try ODSWorkbook(archive: archive), path: path, name: name,
                    csv: csvOptions)
            }
        }
        if ods {
            return Workbook(
                format: .ods, xlsx: nil, ods: try ODSWorkbook(path: path, displayName: name, limits: limits),
                path: path, name: name, csv: csvOptions)
        }
        if head.starts(with: [0x50, 0x4B]) || head.starts(with: [0xD0, 0xCF, 0x11, 0xE0])
            || FileProbe.hasSpreadsheetExtension(path)
        {
            return Workbook(
                format: .xlsx, xlsx: try XLSXWorkbook(path: path, displayName: name, limits: limits), ods: nil,
                path: path, name: name, csv: csvOptions)
        }
        guard FileProbe.looksLikeText(head) else {
            throw SpreadsheetError(file: name, problem: .unknownFormat)
        }
        return Workbook(format: .csv, xlsx: nil, ods: nil, path: path, name: name, csv: csvOptions)
    }

    private init(format: Format, xlsx: XLSXWorkbook?, ods: ODSWorkbook?, path: String, name: String, csv: CSVOptions) {
        self.format = format
        self.xlsx = xlsx
        self.ods = ods
        self.path = path
        self.displayName = name
        self.csvOptions = csv
        if let xlsx {
            sheets = xlsx.sheets
        } else if let ods {
            sheets = ods.sheets
        } else {
            let base = path.split(separator: "/").last.map(String.init) ?? path
            let stem = base.lastIndex(of: ".").map { String(base[..<$0]) } ?? base
            sheets = [SheetInfo(name: stem)]
        }
    }

    /// The date system of the workbook (CSV files have serials only as text: 1900).
    public var dateSystem: DateSystem { xlsx?.dateSystem ?? .date1900 }

    /// Streams the rows of the sheet at `index`.
    public func rows(ofSheet index: Int) throws(SpreadsheetError) -> any RowReader {
        if let xlsx { return try xlsx.rows(ofSheet: index) }
        if let ods { return try ods.rows(ofSheet: index) }
        return BackgroundRowReader(try CSVReader(path: path, displayName: displayName, options: csvOptions))
    }

    /// For a CSV file, its reader itself (records as bytes, ``CSVReader/forEachRecord(_:)``); nil for
    /// workbooks.
    public func csvReader() throws(SpreadsheetError) -> CSVReader? {
        guard xlsx == nil, ods == nil else { return nil }
        return try CSVReader(path: path, displayName: displayName, options: csvOptions)
    }
}
