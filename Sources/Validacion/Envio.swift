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

    /// The sheets opened by ``adelantado()``, when they were.
    private var adelanto: Adelanto?

    /// The same envío with its sheets already opened: the workbook is read now, and each sheet's rows
    /// start to be inflated and parsed on other cores, as far as their bounded queues allow, while the
    /// caller does something else (a command waits for the year's methodology). Validating it then
    /// starts from those rows; what opening found wrong is reported then, as for any envío.
    ///
    /// ```swift
    /// let envio = Envio(ruta: URL(fileURLWithPath: "SEGOB_2017.xlsx")).adelantado()
    /// let metodologia = try Metodologia.cargar(carpeta: carpeta)  // meanwhile, the rows are read
    /// let resultado = Validador(metodologia: metodologia).validar(envio)
    /// ```
    public func adelantado() -> Envio {
        var copia = self
        copia.adelanto = Adelanto(
            Result { () throws(SpreadsheetError) in
                try fuentes().map { fuente in
                    let abierta = Abierta(fuente.abrir)
                    var adelantada = fuente
                    adelantada.abrirFilas = { () throws(SpreadsheetError) in try abierta.tomar() }
                    return adelantada
                }
            })
        return copia
    }

    /// An envío's sheets as ``adelantado()`` opened them.
    private final class Adelanto: @unchecked Sendable {
        let fuentes: Result<[Fuente], SpreadsheetError>
        init(_ fuentes: Result<[Fuente], SpreadsheetError>) { self.fuentes = fuentes }
    }

    /// A sheet's rows opened ahead: handed over once; a second reading opens the sheet again.
    private final class Abierta: @unchecked Sendable {
        private let cerrojo = NSLock()
        private var abierta: Result<any RowReader, SpreadsheetError>?
        private let abrir: () throws(SpreadsheetError) -> any RowReader

        init(_ abrir: @escaping () throws(SpreadsheetError) -> any RowReader) {
            self.abrir = abrir
            abierta = Result { () throws(SpreadsheetError) in try abrir() }
        }

        func tomar() throws(SpreadsheetError) -> any RowReader {
            cerrojo.lock()
            let guardada = abierta
            abierta = nil
            cerrojo.unlock()
            return try (guardada ?? Result { () throws(SpreadsheetError) in try abrir() }).get()
        }
    }

    /// A sheet of the envío and how to read it.
    public struct Fuente: @unchecked Sendable {
        public var nombreHoja: String
        /// The file the sheet is in (for findings: the xlsx, or each csv).
        public var archivo: String
        /// The workbook's date system (serial numbers typed in date fields are read in it).
        public var sistemaFechas: DateSystem = .date1900
        var abrirFilas: () throws(SpreadsheetError) -> any RowReader

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
        if let adelanto { return try adelanto.fuentes.get() }
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
