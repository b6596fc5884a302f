import ApoyoPruebas
import Foundation
import Spreadsheet

/// Paths shared by the tests.
enum Paths {
    /// The repository root (three levels above this file).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// `../shared/corpus`, or `$INFORME_CORPUS`.
    static var corpus: URL {
        if let env = ProcessInfo.processInfo.environment["INFORME_CORPUS"] { return URL(fileURLWithPath: env) }
        return root.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    }
    static let fixtures = root.appendingPathComponent("Tests/Fixtures")

    /// A fresh temporary folder for one test.
    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("informe-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Reads every row of every sheet (at most `limit` rows each) into dense arrays.
func readAll(_ path: String, limit: Int = .max, csv: CSVOptions = CSVOptions()) throws -> [(
    name: String, rows: [[CellValue?]]
)] {
    let book = try Workbook.open(path: path, csvOptions: csv)
    var out: [(String, [[CellValue?]])] = []
    for (i, sheet) in book.sheets.enumerated() {
        let reader = try book.rows(ofSheet: i)
        var rows: [[CellValue?]] = []
        while let row = try reader.next(), row.index < limit {
            while rows.count < row.index { rows.append([]) }
            rows.append(row.denseValues)
        }
        out.append((sheet.name, rows))
    }
    return out
}

/// Catches the SpreadsheetError of `body`, or nil if it succeeds or throws something else.
func spreadsheetError(_ body: () throws -> Void) -> SpreadsheetError? {
    do {
        try body()
        return nil
    } catch let error as SpreadsheetError {
        return error
    } catch {
        return nil
    }
}
