#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The hot path: turns the SAX events of one worksheet into sparse ``Row`` values.
///
/// All mutable state lives in one struct, so each SAX event costs one exclusive access to it
/// instead of one per field.
final class SheetHandler: RowEventHandler {
    var state: SheetState

    init(sharedStrings: [String], styles: [NumberFormatKind], dateSystem: DateSystem, sheetName: String, file: String) {
        state = SheetState(
            sharedStrings: sharedStrings, styles: styles, dateSystem: dateSystem, sheetName: sheetName, file: file)
    }

    /// Takes the completed rows, leaving an empty buffer.
    override func takeRows(into buffer: inout [Row]) { swap(&buffer, &state.pending) }

    override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        state.startElement(name, attributes)
        if state.failed { handlerError = state.problem }
    }

    override func endElement(_ name: XMLName) {
        state.endElement(name)
        if state.failed { handlerError = state.problem }
    }

    override func characters(_ text: UnsafeBufferPointer<UInt8>) { state.characters(text) }

    deinit { state.releaseBuffers() }
}

/// The state machine of ``SheetHandler``.
struct SheetState {
    private enum CellType { case number, shared, inline, formulaString, bool, error, isoDate }

    private let sharedStrings: [String]
    private let styles: [NumberFormatKind]
    private let dateSystem: DateSystem
    private let sheetName: String
    private let file: String

    /// Completed rows not yet handed out.
    var pending: [Row] = []
    var problem: SpreadsheetError?
    var failed = false

    private var inRow = false
    private var rowIndex = -1
    private var cells: [Cell] = []
    private var nextColumn = 0
    private var sorted = true

    private var inCell = false
    private var column = 0
    private var cellType = CellType.number
    private var style = 0
    private var valueBytes = ByteBuffer()
    private var inlineBytes = ByteBuffer()
    private var hasValue = false
    private var hasInline = false
    private var inValue = false
    private var inInlineText = false
    private var phoneticDepth = 0
    private var cellRef = ""

    init(sharedStrings: [String], styles: [NumberFormatKind], dateSystem: DateSystem, sheetName: String, file: String) {
        self.sharedStrings = sharedStrings
        self.styles = styles
        self.dateSystem = dateSystem
        self.sheetName = sheetName
        self.file = file
    }

    func releaseBuffers() {
        valueBytes.release()
        inlineBytes.release()
    }

    private mutating func fail(_ problem: SpreadsheetError.Problem) {
        if self.problem == nil { self.problem = SpreadsheetError(file: file, problem: problem) }
        failed = true
    }

    mutating func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        let p = name.pointer
        if p[0] == UInt8(ascii: "c") && p[1] == 0 {
            startCell(attributes)
        } else if p[0] == UInt8(ascii: "v") && p[1] == 0 {
            if inCell {
                inValue = true
                hasValue = true
                valueBytes.reset()
            }
        } else if p[0] == UInt8(ascii: "t") && p[1] == 0 {
            if inCell && phoneticDepth == 0 {
                inInlineText = true
                hasInline = true
            }
        } else if name.is("row") {
            startRow(attributes)
        } else if name.is("rPh") {
            phoneticDepth += 1
        }
    }

    private mutating func startRow(_ attributes: XMLAttributes) {
        if let r = attributes.value("r"), let n = parseInt(r) {
            guard n >= 1, n <= CellReference.maxRows else {
                fail(.cellOutOfRange(sheet: sheetName, reference: "fila \(n)"))
                return
            }
            rowIndex = n - 1
        } else {
            // Unnumbered rows follow the previous one; the sheet's limit holds for them too.
            guard rowIndex + 1 < CellReference.maxRows else {
                fail(.cellOutOfRange(sheet: sheetName, reference: "fila \(rowIndex + 2)"))
                return
            }
            rowIndex += 1
        }
        inRow = true
        cells.removeAll(keepingCapacity: true)
        nextColumn = 0
        sorted = true
    }

    private mutating func startCell(_ attributes: XMLAttributes) {
        inCell = true
        hasValue = false
        hasInline = false
        // valueBytes is reset when <v> starts.
        inlineBytes.reset()
        if !inRow {
            // A cell outside any <row>: treat it as starting a new row.
            startRow(XMLAttributes(base: nil, count: 0))
        }
        // One pass over the attributes (r, t, s), by their one-letter local names.
        var reference: UnsafeBufferPointer<UInt8>?
        var type: UnsafeBufferPointer<UInt8>?
        var styleIndex = 0
        if let base = attributes.base {
            for i in 0..<attributes.count {
                guard let name = base[i * 5], name[1] == 0 else { continue }
                let value = XMLAttributes.span(base, i)
                switch name[0] {
                case UInt8(ascii: "r"): reference = value
                case UInt8(ascii: "t"): type = value
                // A style is an index into cellXfs: anything but a small non-negative integer is the default.
                case UInt8(ascii: "s"): styleIndex = parseIndex(value) ?? 0
                default: break
                }
            }
        }
        style = styleIndex
        if let r = reference {
            guard let ref = CellReference.parse(r), ref.row < CellReference.maxRows else {
                fail(.cellOutOfRange(sheet: sheetName, reference: String(decoding: r, as: UTF8.self)))
                return
            }
            column = ref.column
            if ref.row >= 0 && ref.row != rowIndex { rowIndex = ref.row }
        } else {
            column = nextColumn
            guard column < CellReference.maxColumns else {
                fail(.cellOutOfRange(sheet: sheetName, reference: "columna \(column + 1)"))
                return
            }
        }
        cellType = .number
        if let t = type, !t.isEmpty {
            switch t[0] {
            case UInt8(ascii: "s"): cellType = t.count == 1 ? .shared : .formulaString
            case UInt8(ascii: "i"): cellType = .inline
            case UInt8(ascii: "b"): cellType = .bool
            case UInt8(ascii: "e"): cellType = .error
            case UInt8(ascii: "d"): cellType = .isoDate
            default: cellType = .number
            }
        }
    }

    mutating func endElement(_ name: XMLName) {
        let p = name.pointer
        if p[0] == UInt8(ascii: "c") && p[1] == 0 {
            endCell()
        } else if p[0] == UInt8(ascii: "v") && p[1] == 0 {
            inValue = false
        } else if p[0] == UInt8(ascii: "t") && p[1] == 0 {
            inInlineText = false
        } else if name.is("row") {
            endRow()
        } else if name.is("rPh") {
            phoneticDepth -= 1
        } else if name.is("sheetData") {
            if inRow { endRow() }
        }
    }

    private mutating func endRow() {
        inRow = false
        guard !cells.isEmpty else { return }
        if !sorted {
            cells.sort { $0.column < $1.column }
            // Keep the last of duplicated columns, as spreadsheet programs do.
            var unique: [Cell] = []
            for cell in cells {
                if let last = unique.last, last.column == cell.column {
                    unique[unique.count - 1] = cell
                } else {
                    unique.append(cell)
                }
            }
            cells = unique
        }
        pending.append(Row(index: rowIndex, cells: cells))
        cells.removeAll(keepingCapacity: true)
    }

    mutating func characters(_ text: UnsafeBufferPointer<UInt8>) {
        if inValue {
            valueBytes.append(text)
        } else if inInlineText {
            inlineBytes.append(text)
        }
    }

    private mutating func endCell() {
        inCell = false
        nextColumn = column + 1
        guard !failed, let value = makeValue() else { return }
        // An empty string is an empty cell, as spreadsheet programs show it.
        if case .text(let t) = value, t.isEmpty { return }
        if let last = cells.last, last.column >= column { sorted = false }
        cells.append(Cell(column: column, value: value))
    }

    private mutating func makeValue() -> CellValue? {
        switch cellType {
        case .shared:
            guard hasValue, let index = parseInt(valueBytes.bytes) else { return nil }
            guard index >= 0, index < sharedStrings.count else {
                fail(
                    .sharedStringOutOfRange(
                        sheet: sheetName, cell: CellReference(row: rowIndex, column: column).a1, index: index))
                return nil
            }
            return .text(sharedStrings[index])
        case .inline:
            if hasInline { return .text(decodeOOXMLEscapes(inlineBytes.bytes)) }
            return hasValue ? .text(decodeOOXMLEscapes(valueBytes.bytes)) : nil
        case .formulaString:
            return hasValue ? .text(decodeOOXMLEscapes(valueBytes.bytes)) : nil
        case .bool:
            guard hasValue, !valueBytes.isEmpty else { return nil }
            let v = valueBytes.bytes
            return .bool(
                v.elementsEqual([UInt8(ascii: "1")]) || v.elementsEqual("true".utf8) || v.elementsEqual("TRUE".utf8))
        case .error:
            return hasValue ? .error(valueBytes.string) : nil
        case .isoDate:
            guard hasValue else { return nil }
            let text = valueBytes.string
            return ISODate.parse(text).map(CellValue.date) ?? .text(text)
        case .number:
            guard hasValue, !valueBytes.isEmpty else {
                return hasInline ? .text(decodeOOXMLEscapes(inlineBytes.bytes)) : nil
            }
            guard let number = parseDouble(valueBytes.bytes) else {
                return .text(valueBytes.string)
            }
            switch styles.element(at: style) ?? .number {
            case .number:
                return .number(number)
            case .date:
                // Out of the calendar's range (negative, huge): the number as stored.
                return dateSystem.dateTime(fromSerial: number).map(CellValue.date) ?? .number(number)
            case .duration:
                return CellValue.duration(days: number) ?? .number(number)
            }
        }
    }
}

@inline(__always)
func parseInt(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var n = 0
    var i = 0
    var negative = false
    if bytes.count > 0 && bytes[0] == UInt8(ascii: "-") {
        negative = true
        i = 1
    }
    guard i < bytes.count else { return nil }
    while i < bytes.count {
        let b = bytes[i]
        guard b >= 48 && b <= 57 else { return nil }
        n = n &* 10 &+ Int(b &- 48)
        if n > Int(Int32.max) { return nil }
        i += 1
    }
    return negative ? -n : n
}

@inline(__always)
func parseInt(_ bytes: [UInt8]) -> Int? { bytes.withUnsafeBufferPointer { parseInt($0) } }

/// An index into a table (styles, shared strings): digits only, no sign, at most `Int32.max`.
@inline(__always)
func parseIndex(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let first = bytes.first, first != UInt8(ascii: "-") else { return nil }
    return parseInt(bytes)
}

extension Array {
    /// The element at `index`, or nil when the index is outside the array (negative included).
    @inline(__always)
    func element(at index: Int) -> Element? { index >= 0 && index < count ? self[index] : nil }
}
