import Foundation
import Spreadsheet
import Validacion
import XLSXWriter

/// The submission given back with its problems marked in place: every cell with a finding filled
/// red (error) or amber (advertencia) with the message as a comment, and a first sheet `Hallazgos`
/// listing every finding with a link to its cell. Columns with personal data are not copied.
///
/// ```swift
/// let copia = try CopiaRevisada.documento(envio: envio, resultado: resultado)
/// try copia.write(to: URL(fileURLWithPath: "revision/SEGOB_2017-revisado.xlsx"))
/// ```
public enum CopiaRevisada {
    static let rojo = "FFC7CE"
    static let ambar = "FFEB9C"
    static let autor = "Revisión automática (informe validar)"

    /// A valid sheet name (≤ 31 characters, none of `[]:*?/\`).
    static func nombreHoja(_ nombre: String) -> String {
        let limpio = String(nombre.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31))
        return limpio.isEmpty ? "Hoja" : limpio
    }

    static func celda(_ v: CellValue?) -> XLSXCell {
        switch v {
        case nil: return .empty
        case .number(let n)?: return .number(n)
        case .text(let t)?: return .text(t)
        case .bool(let b)?: return .bool(b)
        case .date(let d)?: return d.isTimeOnly ? .text(d.isoText) : .date(year: d.year, month: d.month, day: d.day)
        case .duration(let s)?: return .number(s / 86_400)
        case .error(let e)?: return .text(e)
        }
    }

    /// Column widths fitted to the headers and values (from the first 2,000 rows), 8 to 60 characters.
    static func anchos(_ filas: [[XLSXCell]]) -> [Int: Double] {
        var anchos: [Int: Int] = [:]
        for fila in filas.prefix(2_000) {
            for (c, celda) in fila.enumerated() {
                let largo: Int
                switch celda {
                case .empty: continue
                case .text(let t): largo = t.count
                case .number(let n): largo = n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)).count : "\(n)".count
                case .date: largo = 10
                case .bool: largo = 5
                }
                anchos[c] = max(anchos[c] ?? 0, largo)
            }
        }
        return anchos.mapValues { Double(min(60, max(8, $0 + 2))) }
    }

    public static func documento(envio: Envio, resultado: ResultadoValidacion) throws(SpreadsheetError) -> XLSXDocument
    {
        var libro = XLSXDocument()
        libro.properties = XLSXProperties(
            title: "Revisión de \(resultado.archivo)", creator: autor,
            keywords: "\(resultado.errores) errores; \(resultado.advertencias) advertencias")
        var hojas: [XLSXDocument.Sheet] = []
        var nombres: [String: String] = [:]
        for fuente in try envio.fuentes() {
            let nombre = nombreHoja(fuente.nombreHoja)
            nombres[fuente.nombreHoja] = nombre
            let propios = resultado.hallazgos.filter { $0.hoja == fuente.nombreHoja && $0.archivo == fuente.archivo }
            // Columns flagged as personal data: only their header is copied.
            let prohibidas = Dictionary(
                propios.filter { $0.codigo == "dato-personal-prohibido" }.compactMap { h in
                    h.columna.map { ($0, h.fila ?? 0) }
                },
                uniquingKeysWith: { a, _ in a })
            var filas: [[XLSXCell]] = []
            let lector = try fuente.abrir()
            while let fila = try lector.next() {
                while filas.count < fila.index { filas.append([]) }
                filas.append(
                    fila.denseValues.enumerated().map { c, v in
                        if let encabezado = prohibidas[c], fila.number > encabezado { return .empty }
                        return celda(v)
                    })
            }
            var hoja = XLSXDocument.Sheet(name: nombre, rows: filas)
            // The header (the first row with two or more values) frozen, and columns as wide as their contents.
            hoja.headerRow = filas.prefix(20).firstIndex { $0.filter { $0 != .empty }.count >= 2 }
            hoja.columnWidths = anchos(filas)
            var porCelda: [XLSXDocument.CellKey: [Hallazgo]] = [:]
            for h in propios {
                guard let f = h.fila, let c = h.columna else { continue }
                porCelda[.init(f - 1, c), default: []].append(h)
            }
            for (clave, lista) in porCelda.sorted(by: { ($0.key.row, $0.key.column) < ($1.key.row, $1.key.column) }) {
                let error = lista.contains { $0.severidad == .error }
                hoja.cellStyles[clave] = XLSXStyle(fill: error ? rojo : ambar, border: true)
                var texto = lista.map { "[\($0.codigo)] \($0.mensaje)" }.joined(separator: "\n")
                if prohibidas[clave.column] != nil { texto += "\nLos valores de esta columna no se copian." }
                hoja.comments.append(XLSXComment(row: clave.row, column: clave.column, text: texto, author: autor))
            }
            hojas.append(hoja)
        }
        var resumen: [[XLSXCell]] = [
            [
                .text(
                    "Revisión de «\(resultado.archivo)»: \(resultado.errores) errores y \(resultado.advertencias) advertencias"
                )
            ],
            ["Hoja", "Celda", "Severidad", "Código", "Regla", "Valor encontrado", "Qué corregir"].map { .text($0) },
        ]
        var hallazgos = XLSXDocument.Sheet(name: "Hallazgos", rows: [])
        for h in resultado.hallazgos {
            let fila = resumen.count
            resumen.append([
                .text(h.hoja ?? "—"), .text(h.celda ?? "—"), .text(h.severidad == .error ? "Error" : "Advertencia"),
                .text(h.codigo),
                .text(h.regla ?? ""), .text(h.valor ?? ""), .text(h.mensaje),
            ])
            hallazgos.cellStyles[.init(fila, 2)] = XLSXStyle(fill: h.severidad == .error ? rojo : ambar)
            hallazgos.cellStyles[.init(fila, 6)] = XLSXStyle(wrap: true)
            if let hoja = h.hoja, let nombre = nombres[hoja], let c = h.celda {
                hallazgos.hyperlinks.append(
                    XLSXHyperlink(row: fila, column: 1, location: "'\(nombre)'!\(c)", tooltip: "Ir a la celda"))
            }
        }
        hallazgos.rows = resumen
        hallazgos.headerRow = 1
        hallazgos.cellStyles[.init(0, 0)] = XLSXStyle(bold: true)
        hallazgos.columnWidths = [0: 16, 1: 8, 2: 12, 3: 22, 4: 10, 5: 24, 6: 90]
        libro.addSheet(hallazgos)
        for h in hojas { libro.addSheet(h) }
        return libro
    }
}
