/// A pull stream of rows; each call to ``next()`` reads only as much of the file as it needs.
///
/// ```swift
/// let reader = try workbook.rows(ofSheet: 0)
/// while let row = try reader.next() { print(row.number) }
/// ```
public protocol RowReader: AnyObject {
    /// The next row with at least one non-empty cell, or nil at the end of the sheet.
    func next() throws(SpreadsheetError) -> Row?
    /// Non-fatal problems met so far (ragged CSV rows…), in Spanish.
    var warnings: [String] { get }
}
