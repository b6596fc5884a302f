/// A row of a sheet: only its non-empty cells, in column order (sparse, never a dense grid).
///
/// ```swift
/// for row in try sheet.rows() {
///     print(row.number, row.cells.count)
/// }
/// ```
public struct Row: Sendable, Hashable {
    /// Zero-based row index (row 1 of the sheet is 0).
    public var index: Int
    /// The non-empty cells, sorted by column.
    public var cells: [Cell]
    /// For CSV input: the line of the file where the record starts (1-based).
    public var sourceLine: Int?

    public init(index: Int, cells: [Cell], sourceLine: Int? = nil) {
        self.index = index
        self.cells = cells
        self.sourceLine = sourceLine
    }

    /// The 1-based row number as the spreadsheet program shows it.
    public var number: Int { index + 1 }

    /// The value in a zero-based column, or nil when that cell is empty.
    public subscript(column: Int) -> CellValue? {
        // A row filled from column A on (the usual case) has each cell at its column's place.
        if column >= 0, column < cells.count, cells[column].column == column { return cells[column].value }
        var lo = 0
        var hi = cells.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if cells[mid].column < column { lo = mid + 1 } else { hi = mid }
        }
        return lo < cells.count && cells[lo].column == column ? cells[lo].value : nil
    }

    /// The values from column A to the last non-empty cell, with `nil` for gaps.
    public var denseValues: [CellValue?] {
        guard let last = cells.last else { return [] }
        var out = [CellValue?](repeating: nil, count: last.column + 1)
        for cell in cells { out[cell.column] = cell.value }
        return out
    }
}
