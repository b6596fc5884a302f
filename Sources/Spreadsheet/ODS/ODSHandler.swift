/// The events of an OpenDocument `content.xml` turned into sheet names (``ODSHandler/Mode/names``)
/// or into the rows of one table (``ODSHandler/Mode/rows(_:)``), with the same limits as XLSX:
/// repeated rows and columns never allocate a grid, and every emitted cell is charged to the file's
/// work budget.
final class ODSHandler: RowEventHandler {
    enum Mode {
        case names
        case rows(Int)
    }

    let mode: Mode
    let file: String
    let budget: ReadBudget?
    /// Table names, in order (names mode).
    var names: [String] = []

    private var pending: [Row] = []
    /// Cells that only exist as copies of a repeated cell or row: bounded per table (a few KB of XML
    /// can ask for millions; real instruments repeat far less).
    private var copias = 0
    static let maximoCopias = 1_000_000
    private var tableIndex = -1
    private var tableDepth = 0
    private var inTarget = false
    private var sheetName = ""

    private var rowIndex = 0
    private var rowRepeat = 1
    private var cells: [Cell] = []
    private var column = 0

    private var inCell = false
    private var cellRepeat = 1
    private var valueType = ""
    private var number: Double?
    private var dateValue: String?
    private var timeValue: String?
    private var boolValue: String?
    private var text: [UInt8] = []
    private var paragraphs = 0
    private var inParagraph = 0
    private var annotationDepth = 0

    init(mode: Mode, file: String, budget: ReadBudget?) {
        self.mode = mode
        self.file = file
        self.budget = budget
    }

    override func takeRows(into buffer: inout [Row]) { swap(&buffer, &pending) }

    private func fail(_ problem: SpreadsheetError.Problem) {
        if handlerError == nil { handlerError = SpreadsheetError(file: file, problem: problem) }
    }

    /// A non-negative count attribute (`number-rows-repeated`), at least 1.
    private static func count(_ attributes: XMLAttributes, _ name: StaticString) -> Int {
        guard let v = attributes.value(name), let n = parseIndex(v), n >= 1 else { return 1 }
        return n
    }

    override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.is("table") {
            tableDepth += 1
            guard tableDepth == 1 else { return }
            tableIndex += 1
            switch mode {
            case .names:
                names.append(attributes.string("name") ?? "Hoja\(tableIndex + 1)")
            case .rows(let target):
                inTarget = tableIndex == target
                sheetName = attributes.string("name") ?? "Hoja\(tableIndex + 1)"
                rowIndex = 0
            }
            return
        }
        guard inTarget, tableDepth == 1 else { return }
        if name.is("annotation") {
            annotationDepth += 1
        } else if annotationDepth > 0 {
            return
        } else if name.is("table-row") {
            rowRepeat = Self.count(attributes, "number-rows-repeated")
            cells.removeAll(keepingCapacity: true)
            column = 0
        } else if name.is("table-cell") || name.is("covered-table-cell") {
            inCell = true
            cellRepeat = Self.count(attributes, "number-columns-repeated")
            valueType = attributes.string("value-type") ?? ""
            number = attributes.value("value").flatMap { parseDouble($0) }
            dateValue = attributes.string("date-value")
            timeValue = attributes.string("time-value")
            boolValue = attributes.string("boolean-value")
            text.removeAll(keepingCapacity: true)
            paragraphs = 0
        } else if inCell && name.is("p") {
            if paragraphs > 0 { text.append(10) }
            paragraphs += 1
            inParagraph += 1
        } else if inCell && name.is("s") {
            text.append(contentsOf: repeatElement(32, count: min(Self.count(attributes, "c"), 1024)))
        } else if inCell && name.is("tab") {
            text.append(9)
        } else if inCell && name.is("line-break") {
            text.append(10)
        }
    }

    override func endElement(_ name: XMLName) {
        if name.is("table") {
            if tableDepth == 1 { inTarget = false }
            tableDepth -= 1
            return
        }
        guard inTarget, tableDepth == 1 else { return }
        if name.is("annotation") {
            annotationDepth -= 1
        } else if annotationDepth > 0 {
            return
        } else if name.is("p") {
            inParagraph -= 1
        } else if name.is("table-cell") || name.is("covered-table-cell") {
            endCell()
        } else if name.is("table-row") {
            endRow()
        }
    }

    override func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if inCell && inParagraph > 0 && annotationDepth == 0 { text.append(contentsOf: bytes) }
    }

    private func value() -> CellValue? {
        switch valueType {
        case "float", "percentage", "currency":
            if let number { return .number(number) }
        case "date":
            if let d = dateValue, let fecha = ISODate.parse(d) { return .date(fecha) }
        case "time":
            if let t = timeValue, let segundos = Self.seconds(t) {
                if segundos >= 0 && segundos < 86_400 {
                    let s = Int(segundos.rounded(.down))
                    return .date(
                        LocalDateTime(
                            year: 0, month: 0, day: 0, hour: s / 3600, minute: s / 60 % 60, second: s % 60,
                            millisecond: 0, isTimeOnly: true))
                }
                return .duration(segundos)
            }
        case "boolean":
            if let b = boolValue { return .bool(b == "true" || b == "1") }
        default:
            break
        }
        guard !text.isEmpty else { return nil }
        return .text(String(decoding: text, as: UTF8.self))
    }

    /// `PT10H20M30.5S` → seconds; nil when malformed or out of range.
    static func seconds(_ iso: String) -> Double? {
        var s = Substring(iso)
        var negative = false
        if s.hasPrefix("-") {
            negative = true
            s = s.dropFirst()
        }
        guard s.hasPrefix("PT") || s.hasPrefix("P") else { return nil }
        s = s.dropFirst(s.hasPrefix("PT") ? 2 : 1)
        var total = 0.0
        var numero = ""
        for c in s {
            if c.isNumber || c == "." {
                numero.append(c)
                continue
            }
            guard let n = Double(numero), n.isFinite, n < 1e12 else { return nil }
            switch c {
            case "D": total += n * 86_400
            case "H": total += n * 3600
            case "M": total += n * 60
            case "S": total += n
            case "T": break
            default: return nil
            }
            numero = ""
        }
        return negative ? -total : total
    }

    private func endCell() {
        inCell = false
        defer { column = min(column + cellRepeat, CellReference.maxColumns) }
        guard let v = value() else { return }
        // A value repeated past the last column is outside the sheet, as a cell past XFD would be.
        guard column + cellRepeat <= CellReference.maxColumns else {
            fail(.cellOutOfRange(sheet: sheetName, reference: "columna \(column + cellRepeat)"))
            return
        }
        let veces = cellRepeat
        copias += veces - 1
        guard copias <= Self.maximoCopias else {
            fail(.workLimit(detail: "repite celdas con valor más de \(groupDigits(Self.maximoCopias)) veces"))
            return
        }
        if let budget, let problem = budget.charge(bytes: 0, events: veces) {
            fail(problem)
            return
        }
        for k in 0..<veces { cells.append(Cell(column: column + k, value: v)) }
    }

    private func endRow() {
        defer { rowIndex = min(rowIndex + rowRepeat, CellReference.maxRows) }
        guard !cells.isEmpty else { return }
        guard rowIndex + rowRepeat <= CellReference.maxRows else {
            fail(.cellOutOfRange(sheet: sheetName, reference: "fila \(rowIndex + rowRepeat)"))
            return
        }
        let veces = rowRepeat
        copias += (veces - 1) * cells.count
        guard copias <= Self.maximoCopias else {
            fail(.workLimit(detail: "repite celdas con valor más de \(groupDigits(Self.maximoCopias)) veces"))
            return
        }
        if let budget, let problem = budget.charge(bytes: 0, events: veces * cells.count) {
            fail(problem)
            return
        }
        for k in 0..<veces { pending.append(Row(index: rowIndex + k, cells: cells)) }
    }
}
