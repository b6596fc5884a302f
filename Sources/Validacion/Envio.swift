import Foundation
import Spreadsheet

/// What an institution sends: an `.xlsx`, a single `.csv` (validated as the sheet its name says), or
/// a folder with one CSV per sheet.
///
/// ```swift
/// let envio = Envio(ruta: URL(fileURLWithPath: "SEGOB_2017.xlsx"))
/// for fuente in try envio.fuentes() { print(fuente.nombreHoja) }
/// ```
public struct Envio: Sendable {
    public var ruta: URL
    /// The name findings carry (the file or folder name).
    public var nombre: String

    public init(ruta: URL) {
        self.ruta = ruta
        nombre = ruta.lastPathComponent
    }

    /// A sheet of the envío and how to read it.
    public struct Fuente: @unchecked Sendable {
        public var nombreHoja: String
        /// The file the sheet is in (for findings: the xlsx, or each csv).
        public var archivo: String
        /// The workbook's date system (serial numbers typed in date fields are read in it).
        public var sistemaFechas: DateSystem = .date1900
        let abrirFilas: () throws(SpreadsheetError) -> any RowReader

        /// Opens the sheet's rows.
        public func abrir() throws(SpreadsheetError) -> any RowReader { try abrirFilas() }
    }

    public var esCarpeta: Bool {
        var dir: ObjCBool = false
        return FileManager.default.fileExists(atPath: ruta.path, isDirectory: &dir) && dir.boolValue
    }

    /// The sheet a CSV's file name stands for: the last part after `_`, without extension.
    public static func hojaDeArchivoCSV(_ nombre: String) -> String {
        let sinExtension = (nombre as NSString).deletingPathExtension
        return String(sinExtension.split(separator: "_").last ?? Substring(sinExtension))
    }

    /// Lists the sheets; throws when the file cannot be opened at all.
    public func fuentes() throws(SpreadsheetError) -> [Fuente] {
        if esCarpeta {
            let archivos =
                ((try? FileManager.default.contentsOfDirectory(atPath: ruta.path)) ?? [])
                .filter { $0.lowercased().hasSuffix(".csv") }.sorted()
            return archivos.map { archivo in
                let url = ruta.appendingPathComponent(archivo)
                let mostrado = nombre + "/" + archivo
                return Fuente(
                    nombreHoja: Self.hojaDeArchivoCSV(archivo), archivo: mostrado,
                    abrirFilas: {
                        () throws(SpreadsheetError) in
                        try Workbook.open(path: url.path, displayName: mostrado).rows(ofSheet: 0)
                    })
            }
        }
        let libro = try Workbook.open(path: ruta.path, displayName: nombre)
        if libro.format == .csv {
            return [
                Fuente(
                    nombreHoja: Self.hojaDeArchivoCSV(nombre), archivo: nombre,
                    abrirFilas: { () throws(SpreadsheetError) in
                        try libro.rows(ofSheet: 0)
                    })
            ]
        }
        return libro.sheets.enumerated().compactMap { i, hoja in
            guard hoja.kind == .worksheet else { return nil }
            return Fuente(
                nombreHoja: hoja.name, archivo: nombre, sistemaFechas: libro.dateSystem,
                abrirFilas: { () throws(SpreadsheetError) in
                    try libro.rows(ofSheet: i)
                })
        }
    }
}
