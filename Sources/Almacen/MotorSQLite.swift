import CSQLite3
import Foundation

/// The embedded engine: one SQLite file (created mode 0600), in WAL mode.
///
/// ```swift
/// let almacen = try AlmacenSQL(motor: MotorSQLite(ruta: "Salidas/informe.sqlite"))
/// ```
public struct MotorSQLite: MotorSQL {
    public let ruta: String
    public var descripcion: String { ruta }
    public var dialecto: Dialecto { .sqlite }

    public init(ruta: String) { self.ruta = ruta }

    public func conectar() throws(ErrorAlmacen) -> any ConexionSQL { try ConexionSQLite(ruta: ruta) }
}

/// One SQLite connection (the C API through the CSQLite3 target), with its prepared statements kept.
final class ConexionSQLite: ConexionSQL {
    private let db: OpaquePointer
    private var sentencias: [String: Sentencia] = [:]

    init(ruta: String) throws(ErrorAlmacen) {
        let nueva = ruta != ":memory:" && !FileManager.default.fileExists(atPath: ruta)
        if nueva {
            // Created readable by its owner only (the store holds victim-level records).
            let fd = open(ruta, O_CREAT | O_WRONLY, 0o600)
            if fd >= 0 { close(fd) }
        }
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX
        guard sqlite3_open_v2(ruta, &handle, flags, nil) == SQLITE_OK, let handle else {
            let codigo = handle.map { sqlite3_extended_errcode($0) } ?? SQLITE_CANTOPEN
            if let handle { sqlite3_close(handle) }
            throw ErrorAlmacen(mensaje: "No se pudo abrir la base «\(ruta)»: \(Self.causa(codigo, ruta: ruta)).")
        }
        db = handle
        sqlite3_busy_timeout(db, 10_000)
        // A file that is not SQLite (or is damaged) is told apart before anything else.
        if sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", nil, nil, nil) != SQLITE_OK {
            let codigo = sqlite3_errcode(db)
            throw ErrorAlmacen(
                mensaje: codigo == SQLITE_NOTADB || codigo == SQLITE_CORRUPT
                    ? "«\(ruta)» no es una base de datos del Informe Anual (o está dañada). Indique otra con --base."
                    : "No se pudo leer la base «\(ruta)»: \(Self.causa(sqlite3_extended_errcode(db), ruta: ruta)).")
        }
        try ejecutar("PRAGMA journal_mode = WAL")
        try ejecutar("PRAGMA synchronous = NORMAL")
        try ejecutar("PRAGMA foreign_keys = ON")
    }

    deinit {
        sentencias.removeAll()
        sqlite3_close_v2(db)
    }

    var utilizable: Bool { true }

    private func error() -> ErrorAlmacen {
        ErrorAlmacen(mensaje: "Error de la base de datos: \(Self.causa(sqlite3_extended_errcode(db), ruta: nil)).")
    }

    /// SQLite's result codes in Spanish (its own messages are English).
    static func causa(_ codigo: Int32, ruta: String?) -> String {
        let lugar = ruta.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path } ?? "la carpeta"
        switch codigo & 0xFF {
        case SQLITE_CANTOPEN:
            return
                "no se puede abrir ni crear el archivo; revise que exista la carpeta «\(lugar)» y que tenga permiso de escritura"
        case SQLITE_PERM, SQLITE_AUTH: return "no tiene permiso para usar el archivo"
        case SQLITE_READONLY: return "el archivo o su carpeta son de solo lectura"
        case SQLITE_FULL: return "no queda espacio en el disco"
        case SQLITE_BUSY, SQLITE_LOCKED: return "otro programa la tiene ocupada; inténtelo en un momento"
        case SQLITE_IOERR: return "error de lectura o escritura en el disco"
        case SQLITE_CORRUPT, SQLITE_NOTADB: return "el archivo está dañado o no es una base de datos del Informe Anual"
        case SQLITE_NOMEM: return "no hay memoria suficiente"
        case SQLITE_CONSTRAINT: return "se violó una restricción de los datos (registro repetido)"
        case SQLITE_TOOBIG: return "un valor es demasiado grande"
        default: return "error interno de SQLite \(codigo)"
        }
    }

    func ejecutar(_ sql: String) throws(ErrorAlmacen) {
        var mensaje: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(db, sql, nil, nil, &mensaje) != SQLITE_OK {
            sqlite3_free(mensaje)
            throw error()
        }
    }

    func consultar(_ sql: String, _ parametros: [ValorSQL]) throws(ErrorAlmacen) -> [[ValorSQL]] {
        let s: Sentencia
        if let previa = sentencias[sql] {
            s = previa
        } else {
            var stmt: OpaquePointer?
            guard sqlite3_prepare_v2(db, sql, -1, &stmt, nil) == SQLITE_OK, let stmt else { throw error() }
            s = Sentencia(stmt: stmt)
            // Statements of batch inserts are reused row after row; odd ones are not kept forever.
            if sentencias.count > 256 { sentencias.removeAll() }
            sentencias[sql] = s
        }
        defer { sqlite3_reset(s.stmt) }
        try enlazar(parametros, en: s.stmt)
        var filas: [[ValorSQL]] = []
        while true {
            switch sqlite3_step(s.stmt) {
            case SQLITE_ROW: filas.append(fila(s.stmt))
            case SQLITE_DONE: return filas
            default: throw error()
            }
        }
    }

    private func enlazar(_ valores: [ValorSQL], en stmt: OpaquePointer) throws(ErrorAlmacen) {
        sqlite3_reset(stmt)
        sqlite3_clear_bindings(stmt)
        for (i, v) in valores.enumerated() {
            let k = Int32(i + 1)
            let r: Int32
            switch v {
            case .nulo: r = sqlite3_bind_null(stmt, k)
            case .entero(let n): r = sqlite3_bind_int64(stmt, k, n)
            case .real(let d): r = sqlite3_bind_double(stmt, k, d)
            case .texto(let t): r = csqlite_bind_text(stmt, k, t, Int32(t.utf8.count))
            case .bytes(let b):
                r = b.withUnsafeBytes { csqlite_bind_blob(stmt, k, $0.baseAddress, Int32($0.count)) }
            }
            guard r == SQLITE_OK else { throw error() }
        }
    }

    private func fila(_ stmt: OpaquePointer) -> [ValorSQL] {
        (0..<sqlite3_column_count(stmt)).map { i in
            switch sqlite3_column_type(stmt, i) {
            case SQLITE_INTEGER: return .entero(sqlite3_column_int64(stmt, i))
            case SQLITE_FLOAT: return .real(sqlite3_column_double(stmt, i))
            case SQLITE_TEXT:
                guard let texto = sqlite3_column_text(stmt, i) else { return .texto("") }
                return .texto(String(cString: texto))
            case SQLITE_BLOB:
                let n = Int(sqlite3_column_bytes(stmt, i))
                guard n > 0, let base = sqlite3_column_blob(stmt, i) else { return .bytes([]) }
                return .bytes(Array(UnsafeRawBufferPointer(start: base, count: n)))
            default: return .nulo
            }
        }
    }
}

/// A prepared statement, finalized with its owner.
final class Sentencia {
    let stmt: OpaquePointer
    init(stmt: OpaquePointer) { self.stmt = stmt }
    deinit { sqlite3_finalize(stmt) }
}
