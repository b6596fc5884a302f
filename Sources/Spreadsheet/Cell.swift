/// One non-empty cell of a streamed row.
///
/// ```swift
/// let cell = Cell(column: 4, value: .text("Mujer"))
/// print(CellReference.columnName(cell.column))  // E
/// ```
public struct Cell: Sendable, Hashable {
    /// Zero-based column index (A = 0).
    public var column: Int
    public var value: CellValue

    public init(column: Int, value: CellValue) {
        self.column = column
        self.value = value
    }
}
