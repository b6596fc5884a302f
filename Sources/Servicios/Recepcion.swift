import Almacen
import Foundation
import Metodologia
import Spreadsheet
import Validacion

/// An envío received as bytes (an upload): reviewed in a private temporary folder that is removed
/// afterwards, and loaded when asked. A `.zip` holds one CSV per sheet.
///
/// ```swift
/// let recibido = try Recepcion(cargador: cargador).revisar(bytes, nombre: "EST09_2017.xlsx", metodologia: m)
/// print(recibido.sha256, recibido.revision.resultado.errores)
/// ```
public struct Recepcion: Sendable {
    /// What a reviewed upload is.
    public struct Recibido: Sendable {
        public var nombre: String
        public var sha256: String
        public var revision: Revision
    }

    /// Why an upload cannot be reviewed at all.
    public enum Rechazo: Error, Sendable {
        case zipInvalido(String)

        public var mensaje: String {
            switch self {
            case .zipInvalido(let m): return m
            }
        }
    }

    public let cargador: Cargador
    /// Largest CSV accepted inside a `.zip`.
    public var maximoCSV = 64 << 20
    /// Largest number of CSV files inside a `.zip`.
    public var maximoArchivos = 64

    public init(cargador: Cargador) { self.cargador = cargador }

    /// Validates the bytes and builds the HTML page and annotated copy; nothing is stored.
    public func revisar(_ bytes: [UInt8], nombre: String, metodologia m: Metodologia) throws(Rechazo) -> Recibido {
        var h = SHA256()
        h.actualizar(bytes)
        let sha = h.resumenHex
        let carpeta = FileManager.default.temporaryDirectory.appendingPathComponent(
            "informe-subida-\(Secreto.secretoNuevo(prefijo: ""))")
        defer { try? FileManager.default.removeItem(at: carpeta) }
        do {
            try FileManager.default.createDirectory(
                at: carpeta, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .zipInvalido("No se pudo preparar la revisión (\(causaEnEspanol(error))).")
        }
        let ruta = try escribir(bytes, nombre: nombre, en: carpeta)
        // The validator that loads: it keeps the typed rows (without them an accepted envío would add nothing).
        var revisor = Revisor(metodologia: m)
        revisor.validador = cargador.validador(m)
        return Recibido(nombre: nombre, sha256: sha, revision: revisor.revisar(Envio(ruta: ruta)))
    }

    /// Loads a reviewed upload: a new version when it has no errors, a rejected record otherwise; the
    /// bytes of an accepted file are kept (provenance). Returns the store's record.
    public func cargar(_ recibido: Recibido, bytes: [UInt8], metodologia m: Metodologia) throws(ErrorServicio) -> (
        ResultadoCarga, RegistroEnvio?
    ) {
        let carga = try cargador.cargar(recibido.revision.resultado, sha256: recibido.sha256, metodologia: m)
        do {
            let registro = try cargador.almacen.envio(sha256: recibido.sha256, anio: m.anio)
            if case .aceptado = carga, let registro {
                try cargador.almacen.guardarOriginal(envio: registro.id, nombre: recibido.nombre, bytes: bytes)
            }
            return (carga, registro)
        } catch {
            throw .almacen(error)
        }
    }

    /// The file (or, for a `.zip`, the folder of CSVs) the validator reads.
    private func escribir(_ bytes: [UInt8], nombre: String, en carpeta: URL) throws(Rechazo) -> URL {
        let ext = (nombre as NSString).pathExtension.lowercased()
        guard ext == "zip" else {
            let ruta = carpeta.appendingPathComponent(nombre)
            guard FileManager.default.createFile(atPath: ruta.path, contents: Data(bytes)) else {
                throw .zipInvalido("No se pudo preparar la revisión de «\(nombre)».")
            }
            return ruta
        }
        let zip = carpeta.appendingPathComponent("subida.zip")
        _ = FileManager.default.createFile(atPath: zip.path, contents: Data(bytes))
        let destino = carpeta.appendingPathComponent((nombre as NSString).deletingPathExtension)
        do {
            try FileManager.default.createDirectory(at: destino, withIntermediateDirectories: true)
            let archivo = try ZipArchive(path: zip.path, displayName: nombre)
            let csv = archivo.entries.filter { !$0.name.hasSuffix("/") && !$0.name.hasPrefix("__MACOSX") }
            guard !csv.isEmpty else { throw Rechazo.zipInvalido("El archivo «\(nombre)» no contiene ningún CSV.") }
            guard csv.count <= maximoArchivos else {
                throw Rechazo.zipInvalido(
                    "El archivo «\(nombre)» contiene \(csv.count) archivos; se esperan un CSV por hoja (a lo más \(maximoArchivos))."
                )
            }
            for entrada in csv {
                let base = NombresZip.nombreBase(entrada.name)
                guard base.lowercased().hasSuffix(".csv") else {
                    throw Rechazo.zipInvalido(
                        "El archivo «\(nombre)» contiene «\(base)», que no es CSV: el .zip debe tener solo un CSV por hoja."
                    )
                }
                let datos = try archivo.contents(of: entrada, maxSize: maximoCSV)
                _ = FileManager.default.createFile(
                    atPath: destino.appendingPathComponent(base).path, contents: Data(datos))
            }
        } catch let error as Rechazo {
            throw error
        } catch let error as SpreadsheetError {
            throw .zipInvalido(error.message)
        } catch {
            throw .zipInvalido("No se pudo abrir «\(nombre)» (\(causaEnEspanol(error))).")
        }
        return destino
    }
}

/// The last component of a name inside a ZIP, without folders.
enum NombresZip {
    static func nombreBase(_ nombre: String) -> String {
        let base = nombre.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? "hoja.csv"
        return base.hasPrefix(".") ? "_" + base : base
    }
}
