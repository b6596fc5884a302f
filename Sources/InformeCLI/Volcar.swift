import ArgumentParser
import Servicios
import Spreadsheet

/// `informe volcar`: prints a workbook as JSON, or a per-sheet summary.
///
/// ```
/// informe volcar envio.xlsx --filas 5
/// informe volcar Victimas.csv --resumen
/// ```
struct Volcar: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "volcar",
        abstract: "Muestra el contenido de un libro XLSX o de un CSV como JSON.",
        discussion: """
            Imprime un arreglo de hojas [{"name": ..., "rows": [[...], ...]}] con los valores \
            normalizados: números, fechas ISO-8601, booleanos, textos, null y errores de Excel \
            (#DIV/0!). Las filas empiezan en A1; se recortan las celdas y filas vacías del final.
            Sale con 0 si pudo leer el archivo, 1 si no (el motivo va a la salida de error) y 2 \
            si los argumentos no son válidos.
            Ejemplo: informe volcar Victimas.csv --resumen
            """
    )

    @Argument(help: "El archivo .xlsx o .csv que se va a leer.")
    var archivo: String

    @Option(name: .long, help: "Muestra solo las primeras N filas de cada hoja.")
    var filas: Int?

    @Flag(
        name: .long, help: "Lee todo y muestra solo un resumen por hoja (filas, celdas, números, suma, textos, fechas)."
    )
    var resumen = false

    func validate() throws {
        if let filas, filas < 0 { throw ValidationError("--filas debe ser un número mayor o igual que 0.") }
    }

    func run() throws {
        try volcar()
    }

    private func volcar() throws(CommandFailure) {
        let out = OutputBuffer()
        defer { out.flush() }
        do {
            let book = try Workbook.open(path: archivo)
            out.write("[")
            for (index, sheet) in book.sheets.enumerated() {
                if index > 0 { out.write(",") }
                if resumen, let csv = try book.csvReader() {
                    try summarize(sheet: sheet, csv: csv, out: out)
                    for warning in csv.warnings { writeError("Aviso en «\(archivo)»: \(warning)") }
                    continue
                }
                let rows = try book.rows(ofSheet: index)
                if resumen {
                    try summarize(sheet: sheet, rows: rows, csv: book.format == .csv, out: out)
                } else {
                    try dump(sheet: sheet, rows: rows, out: out)
                }
                for warning in rows.warnings { writeError("Aviso en «\(archivo)»: \(warning)") }
            }
            out.write("]\n")
        } catch {
            out.flush()
            throw CommandFailure(message: error.message, code: 1)
        }
    }

    private func dump(sheet: SheetInfo, rows: any RowReader, out: OutputBuffer) throws(SpreadsheetError) {
        out.write("\n{\"name\": \(JSONText.string(sheet.name)), \"rows\": [")
        let limit = filas ?? Int.max
        var written = 0
        while written < limit, let row = try rows.next() {
            guard row.index < limit else { break }
            // Rows are dense from row 1: empty rows before this one are written as [].
            while written < row.index {
                out.write(written == 0 ? "\n[]" : ",\n[]")
                written += 1
            }
            var line = written == 0 ? "\n[" : ",\n["
            for (k, value) in row.denseValues.enumerated() {
                if k > 0 { line += ", " }
                line += JSONText.value(value)
            }
            out.write(line + "]")
            written += 1
        }
        out.write("]}")
    }

    /// The CSV fast path: fields classified from their bytes, no `String` per field.
    private func summarize(sheet: SheetInfo, csv: CSVReader, out: OutputBuffer) throws(SpreadsheetError) {
        var r = Resumen()
        try csv.forEachRecord { record in
            r.rows += 1
            for k in 0..<record.count {
                record.withField(k) { bytes in
                    // A text field is a number or a date when its bytes say so; otherwise it stays text.
                    if !bytes.isEmpty { r.contar(CellValue.inferred(fromUTF8: bytes) ?? .text("")) }
                }
            }
        }
        r.escribir(sheet, out)
    }

    /// Counts of a sheet's values, as `volcar --resumen` prints them.
    struct Resumen {
        var rows = 0
        var cells = 0
        var numbers = 0
        var sum = 0.0
        var texts = 0
        var dates = 0

        mutating func contar(_ value: borrowing CellValue) {
            cells += 1
            switch value {
            case .number(let n):
                numbers += 1
                sum += n
            case .text: texts += 1
            case .date, .duration: dates += 1
            case .bool, .error: break
            }
        }

        func escribir(_ sheet: SheetInfo, _ out: OutputBuffer) {
            out.write(
                "\n{\"name\": \(JSONText.string(sheet.name)), \"rows\": \(rows), \"cells\": \(cells), "
                    + "\"numbers\": \(numbers), \"sum\": \(JSONText.number(sum)), \"texts\": \(texts), \"dates\": \(dates)}"
            )
        }
    }

    private func summarize(sheet: SheetInfo, rows: any RowReader, csv: Bool, out: OutputBuffer) throws(SpreadsheetError)
    {
        var r = Resumen()
        while let row = try rows.next() {
            r.rows += 1
            // Borrowed in place: copying each cell (and retaining its text) was a twentieth of the time.
            row.cells.withUnsafeBufferPointer { cells in
                for k in cells.indices { r.contar(csv ? cells[k].value.inferredFromText : cells[k].value) }
            }
        }
        r.escribir(sheet, out)
    }
}
