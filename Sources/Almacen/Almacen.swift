import Foundation
import Metodologia
import Validacion

/// The store of every envío and version, their findings, typed rows per sheet, access keys, sessions, the
/// audit log and accepted originals: what the use-cases and commands need, whatever the database.
///
/// `AlmacenSQL` implements it on SQLite (`MotorSQLite`, the embedded default) or PostgreSQL (the
/// `AlmacenPostgres` module); both pass one test suite.
///
/// ```swift
/// let almacen: any Almacen = try AlmacenSQL(motor: MotorSQLite(ruta: "Salidas/informe.sqlite"))
/// let r = try almacen.cargar(validacion, archivo: url, metodologia: m)
/// ```
public protocol Almacen: AnyObject, Sendable {
    /// What messages call this store: a path, or a URL without its password.
    var descripcion: String { get }

    // MARK: Envíos

    /// Loads one validated envío whose bytes have this SHA-256 in a single transaction. A rejected envío
    /// keeps only its record and findings; the same bytes loaded again change nothing.
    func cargar(_ resultado: ResultadoValidacion, sha256: String, metodologia: Metodologia) throws(ErrorAlmacen)
        -> ResultadoCarga
    /// Makes what was loaded durable and compact now instead of when the store closes: SQLite copies
    /// its write-ahead log into the database file and syncs it (a process that loads and then reads
    /// for a while does this on another thread, not on its way out); PostgreSQL has nothing to do.
    func asentar() throws(ErrorAlmacen)
    /// Every load of a year, oldest first.
    func envios(anio: Int) throws(ErrorAlmacen) -> [RegistroEnvio]
    /// The vigente version of each instancia: its last accepted load.
    func vigentes(anio: Int) throws(ErrorAlmacen) -> [RegistroEnvio]
    /// The load of an instancia's version of a year.
    func envio(instancia: String, anio: Int, version: Int) throws(ErrorAlmacen) -> RegistroEnvio?
    /// The load whose bytes have this SHA-256 in a year.
    func envio(sha256: String, anio: Int) throws(ErrorAlmacen) -> RegistroEnvio?
    /// Instancias whose version 1 of the year was accepted.
    func aceptadasEnVersion1(anio: Int) throws(ErrorAlmacen) -> Int
    /// The findings of a load as records, in the order they were found.
    func hallazgosCompletos(envio id: Int64) throws(ErrorAlmacen) -> [Hallazgo]
    /// The typed rows of a sheet of a load with their spreadsheet row numbers, in row order.
    func filasNumeradas(envio id: Int64, hoja: Hoja) throws(ErrorAlmacen) -> [(fila: Int, valores: [String: Valor])]
    /// Rows actually stored for a load, across its sheets (to check that no load is partial).
    func filasGuardadas(envio id: Int64, metodologia: Metodologia) throws(ErrorAlmacen) -> Int
    /// The database's own check passes and every envío has exactly its rows (none partial, none left over).
    func integro() throws(ErrorAlmacen) -> Bool

    // MARK: Access

    /// Creates a key for an instancia or for the Grupo Técnico; returns the secret, shown only once.
    func crearClave(instancia: String?, grupoTecnico: Bool) throws(ErrorAlmacen) -> (id: Int64, clave: String)
    /// Revokes a key by its id (and closes its sessions); false when there is no such active key.
    func revocarClave(id: Int64) throws(ErrorAlmacen) -> Bool
    /// Every key, oldest first (never the secret: only its hash is stored).
    func claves() throws(ErrorAlmacen) -> [RegistroClave]
    /// The holder of an active key, or nil.
    func titular(clave: String) throws(ErrorAlmacen) -> Titular?
    /// Opens a session: the session token (for the cookie) and the CSRF token of its forms.
    func abrirSesion(_ titular: Titular, duracion: TimeInterval) throws(ErrorAlmacen) -> (token: String, csrf: String)
    /// The holder and CSRF token of a live session whose key is still active.
    func sesion(token: String) throws(ErrorAlmacen) -> (titular: Titular, csrf: String)?
    func cerrarSesion(token: String) throws(ErrorAlmacen)
    func auditar(_ e: EntradaAuditoria, claveID: Int64?) throws(ErrorAlmacen)
    /// The audit log, newest last.
    func auditoria() throws(ErrorAlmacen) -> [EntradaAuditoria]
    /// Keeps the bytes of an accepted envío (provenance; readable by its owner and the Grupo Técnico).
    func guardarOriginal(envio id: Int64, nombre: String, bytes: [UInt8]) throws(ErrorAlmacen)
    func original(envio id: Int64) throws(ErrorAlmacen) -> (nombre: String, bytes: [UInt8])?
}

extension Almacen {
    /// Loads one validated file (its SHA-256 is computed from its bytes, or a folder's files).
    public func cargar(
        _ resultado: ResultadoValidacion, archivo: URL, metodologia: Metodologia
    ) throws(ErrorAlmacen) -> ResultadoCarga {
        guard let sha = SHA256.deDirectorioOArchivo(archivo) else {
            throw ErrorAlmacen(mensaje: "No se pudo leer «\(archivo.path)» para calcular su huella SHA-256.")
        }
        return try cargar(resultado, sha256: sha, metodologia: metodologia)
    }

    /// The typed rows of a sheet of a load.
    public func filas(envio id: Int64, hoja: Hoja) throws(ErrorAlmacen) -> [[String: Valor]] {
        try filasNumeradas(envio: id, hoja: hoja).map(\.valores)
    }

    /// The findings of a load, short.
    public func hallazgos(envio id: Int64) throws(ErrorAlmacen) -> [(codigo: String, severidad: String, celda: String?)]
    {
        try hallazgosCompletos(envio: id).map { ($0.codigo, $0.severidad.rawValue, $0.celda) }
    }

    /// Opens a session of eight hours.
    public func abrirSesion(_ titular: Titular) throws(ErrorAlmacen) -> (token: String, csrf: String) {
        try abrirSesion(titular, duracion: 8 * 3600)
    }
}

extension SHA256 {
    /// The SHA-256 of a file, or of a folder's files (names and contents, in name order).
    public static func deDirectorioOArchivo(_ url: URL) -> String? {
        var dir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &dir) else { return nil }
        if !dir.boolValue { return deArchivo(url.path) }
        var h = SHA256()
        let nombres = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
        for nombre in nombres {
            guard let datos = FileManager.default.contents(atPath: url.appendingPathComponent(nombre).path) else {
                continue
            }
            h.actualizar(Array(nombre.utf8) + [0])
            h.actualizar([UInt8](datos))
        }
        return h.resumenHex
    }
}
