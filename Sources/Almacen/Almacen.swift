import Foundation
import Metodologia
import Validacion

/// The SQLite store: every envío and version, their findings, and typed rows per sheet.
///
/// ```swift
/// let almacen = try Almacen(ruta: "Salidas/informe.sqlite")
/// let r = try almacen.cargar(validacion, archivo: url, metodologia: m)
/// ```
public final class Almacen: @unchecked Sendable {
    /// The file, as given (messages name it).
    public let ruta: String
    let reloj: @Sendable () -> Date
    static let versionEsquema = 2
    /// Idle connections. Each operation takes one for itself and gives it back, so concurrent callers
    /// never share a connection (nor its transaction); SQLite's WAL and busy timeout order the writers.
    private var libres: [BaseDatos] = []
    private let cerrojo = NSLock()
    static let maximoLibres = 8

    /// Opens (creating if needed, mode 0600) and migrates the store. `reloj` stamps each load.
    public init(ruta: String, reloj: @escaping @Sendable () -> Date = { Date() }) throws(ErrorAlmacen) {
        self.ruta = ruta
        self.reloj = reloj
        let primera = try BaseDatos(ruta: ruta)
        try migrar(primera)
        libres.append(primera)
    }

    /// Runs `cuerpo` on a connection of its own.
    func conConexion<T>(_ cuerpo: (BaseDatos) throws(ErrorAlmacen) -> T) throws(ErrorAlmacen) -> T {
        cerrojo.lock()
        let tomada = libres.popLast()
        cerrojo.unlock()
        let base: BaseDatos
        if let tomada { base = tomada } else { base = try BaseDatos(ruta: ruta) }
        defer {
            cerrojo.lock()
            if libres.count < Self.maximoLibres { libres.append(base) }
            cerrojo.unlock()
        }
        return try cuerpo(base)
    }

    private func migrar(_ base: BaseDatos) throws(ErrorAlmacen) {
        let actual = base.version
        if actual > Self.versionEsquema {
            throw ErrorAlmacen(mensaje: "La base es de una versión más nueva del programa (esquema \(actual)).")
        }
        if actual < 1 {
            try base.transaccion { () throws(ErrorAlmacen) in
                try base.ejecutar(
                    """
                    CREATE TABLE envios (
                        id INTEGER PRIMARY KEY, instancia TEXT, anio INTEGER NOT NULL, version INTEGER,
                        archivo TEXT NOT NULL, sha256 TEXT NOT NULL, cargado_en TEXT NOT NULL,
                        estado TEXT NOT NULL CHECK (estado IN ('aceptado', 'rechazado')),
                        errores INTEGER NOT NULL, advertencias INTEGER NOT NULL, filas INTEGER NOT NULL);
                    CREATE UNIQUE INDEX envios_sha ON envios (anio, sha256);
                    CREATE INDEX envios_instancia ON envios (anio, instancia, version);
                    CREATE TABLE hallazgos (
                        envio_id INTEGER NOT NULL REFERENCES envios (id), archivo TEXT, hoja TEXT, celda TEXT,
                        fila INTEGER, columna TEXT, campo TEXT, codigo TEXT NOT NULL, severidad TEXT NOT NULL,
                        regla TEXT, valor TEXT, mensaje TEXT NOT NULL);
                    CREATE INDEX hallazgos_envio ON hallazgos (envio_id);
                    PRAGMA user_version = 1;
                    """)
            }
        }
        if actual < 2 {
            // The portal: access keys (hashes only), sessions, the audit log and accepted originals.
            try base.transaccion { () throws(ErrorAlmacen) in
                try base.ejecutar(
                    """
                    CREATE TABLE claves (
                        id INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE, instancia TEXT,
                        grupo_tecnico INTEGER NOT NULL, creada_en TEXT NOT NULL, revocada_en TEXT);
                    CREATE TABLE sesiones (
                        hash TEXT PRIMARY KEY, clave_id INTEGER NOT NULL REFERENCES claves (id),
                        csrf TEXT NOT NULL, expira TEXT NOT NULL);
                    CREATE TABLE auditoria (
                        id INTEGER PRIMARY KEY, cuando TEXT NOT NULL, clave_id INTEGER, quien TEXT NOT NULL,
                        metodo TEXT NOT NULL, ruta TEXT NOT NULL, estado INTEGER NOT NULL, envio_id INTEGER,
                        sha256 TEXT);
                    CREATE TABLE originales (
                        envio_id INTEGER PRIMARY KEY REFERENCES envios (id), nombre TEXT NOT NULL, bytes BLOB NOT NULL);
                    PRAGMA user_version = 2;
                    """)
            }
        }
    }

    // MARK: Typed tables per sheet

    static func tabla(_ hoja: String) -> String {
        "\"datos_\(hoja.filter { $0.isLetter || $0.isNumber || $0 == "_" })\""
    }
    static func columna(_ campo: String) -> String { "\"\(campo.filter { $0.isLetter || $0.isNumber || $0 == "_" })\"" }

    static func tipoSQL(_ tipo: TipoCampo) -> String {
        switch tipo {
        case .entero: return "INTEGER"
        case .decimal: return "REAL"
        default: return "TEXT"
        }
    }

    /// Creates the sheet's table, or adds the columns a newer instrument has.
    func asegurarTabla(_ hoja: Hoja, en base: BaseDatos) throws(ErrorAlmacen) {
        let existentes = try base.consultar("PRAGMA table_info(\(Self.tabla(hoja.clave)))").compactMap {
            fila -> String? in
            if case .texto(let n) = fila[1] { return n }
            return nil
        }
        if existentes.isEmpty {
            let columnas = hoja.campos.map { "\(Self.columna($0.clave)) \(Self.tipoSQL($0.tipo))" }.joined(
                separator: ", ")
            try base.ejecutar(
                "CREATE TABLE \(Self.tabla(hoja.clave)) (envio_id INTEGER NOT NULL REFERENCES envios (id), fila INTEGER NOT NULL, \(columnas))"
            )
            try base.ejecutar(
                "CREATE INDEX \("\"idx_\(hoja.clave)\"") ON \(Self.tabla(hoja.clave)) (envio_id)")
            return
        }
        for campo in hoja.campos where !existentes.contains(campo.clave) {
            try base.ejecutar(
                "ALTER TABLE \(Self.tabla(hoja.clave)) ADD COLUMN \(Self.columna(campo.clave)) \(Self.tipoSQL(campo.tipo))"
            )
        }
    }

    static func sql(_ v: Valor) -> ValorSQL {
        switch v {
        case .nulo: return .nulo
        case .numero(let n): return n == n.rounded() && abs(n) < 9e15 ? .entero(Int64(n)) : .real(n)
        case .texto(let t): return .texto(t)
        case .fecha(let d): return .texto(Fecha(dias: d).iso)
        case .logico(let b): return .entero(b ? 1 : 0)
        }
    }

    static func valor(_ v: ValorSQL, _ tipo: TipoCampo) -> Valor {
        switch (v, tipo) {
        case (.nulo, _): return .nulo
        case (.texto(let t), .fecha): return Fecha(texto: t).map { .fecha($0.dias) } ?? .nulo
        case (.entero(let n), _): return .numero(Double(n))
        case (.real(let d), _): return .numero(d)
        case (.texto(let t), _): return .texto(t)
        case (.bytes, _): return .nulo
        }
    }

    // MARK: Loading

    /// Loads one validated file in a single transaction. A rejected file keeps only its record and
    /// findings; the same bytes loaded again change nothing.
    public func cargar(
        _ resultado: ResultadoValidacion, archivo: URL, metodologia: Metodologia
    ) throws(ErrorAlmacen) -> ResultadoCarga {
        guard let sha = SHA256.deDirectorioOArchivo(archivo) else {
            throw ErrorAlmacen(mensaje: "No se pudo leer «\(archivo.path)» para calcular su huella SHA-256.")
        }
        return try cargar(resultado, sha256: sha, metodologia: metodologia)
    }

    /// Loads one validated envío whose bytes have the SHA-256 `sha` (uploads have no file path).
    public func cargar(
        _ resultado: ResultadoValidacion, sha256 sha: String, metodologia: Metodologia
    ) throws(ErrorAlmacen) -> ResultadoCarga {
        try conConexion { base throws(ErrorAlmacen) in
            try cargar(resultado, sha: sha, metodologia: metodologia, en: base)
        }
    }

    private func cargar(
        _ resultado: ResultadoValidacion, sha: String, metodologia: Metodologia, en base: BaseDatos
    ) throws(ErrorAlmacen) -> ResultadoCarga {
        try base.transaccion { () throws(ErrorAlmacen) -> ResultadoCarga in
            if let previo = try envios(
                where: "anio = ? AND sha256 = ?", [.entero(Int64(metodologia.anio)), .texto(sha)], en: base
            ).first {
                return .yaCargado(previo)
            }
            var version: Int?
            if let instancia = resultado.instancia {
                let n = try base.consultar(
                    "SELECT COALESCE(MAX(version), 0) FROM envios WHERE anio = ? AND instancia = ?",
                    [.entero(Int64(metodologia.anio)), .texto(instancia)])
                if case .entero(let v)? = n.first?.first { version = Int(v) + 1 }
            }
            let aceptado = resultado.errores == 0 && resultado.instancia != nil
            let filas = aceptado ? resultado.datos.values.reduce(0) { $0 + $1.count } : 0
            let instante = ISO8601DateFormatter().string(from: reloj())
            try base.preparar(
                "INSERT INTO envios (instancia, anio, version, archivo, sha256, cargado_en, estado, errores, advertencias, filas) VALUES (?,?,?,?,?,?,?,?,?,?)"
            ).ejecutar([
                resultado.instancia.map { .texto($0) } ?? .nulo, .entero(Int64(metodologia.anio)),
                version.map { .entero(Int64($0)) } ?? .nulo, .texto(resultado.archivo), .texto(sha), .texto(instante),
                .texto(aceptado ? "aceptado" : "rechazado"), .entero(Int64(resultado.errores)),
                .entero(Int64(resultado.advertencias)), .entero(Int64(filas)),
            ])
            let id = base.ultimoId
            let insertarHallazgo = try base.preparar(
                "INSERT INTO hallazgos (envio_id, archivo, hoja, celda, fila, columna, campo, codigo, severidad, regla, valor, mensaje) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
            )
            func t(_ s: String?) -> ValorSQL { s.map { .texto($0) } ?? .nulo }
            for h in resultado.hallazgos {
                try insertarHallazgo.ejecutar([
                    .entero(id), .texto(h.archivo), t(h.hoja), t(h.celda), h.fila.map { .entero(Int64($0)) } ?? .nulo,
                    t(h.letraColumna), t(h.campo), .texto(h.codigo), .texto(h.severidad.rawValue), t(h.regla),
                    t(h.valor),
                    .texto(h.mensaje),
                ])
            }
            if aceptado {
                for hoja in metodologia.hojas {
                    guard let filasHoja = resultado.datos[hoja.clave], !filasHoja.isEmpty else { continue }
                    try asegurarTabla(hoja, en: base)
                    let columnas = hoja.campos.map { Self.columna($0.clave) }.joined(separator: ", ")
                    let marcas = Array(repeating: "?", count: hoja.campos.count + 2).joined(separator: ",")
                    let insertar = try base.preparar(
                        "INSERT INTO \(Self.tabla(hoja.clave)) (envio_id, fila, \(columnas)) VALUES (\(marcas))")
                    for fila in filasHoja {
                        try insertar.ejecutar(
                            [.entero(id), .entero(Int64(fila.fila))]
                                + hoja.campos.map { Self.sql(fila.valores[$0.clave] ?? .nulo) })
                    }
                }
            }
            return aceptado
                ? .aceptado(version: version ?? 0, advertencias: resultado.advertencias)
                : .rechazado(version: version, errores: resultado.errores)
        }
    }

    // MARK: Queries

    func envios(where condicion: String, _ parametros: [ValorSQL], en base: BaseDatos) throws(ErrorAlmacen)
        -> [RegistroEnvio]
    {
        try base.consultar(
            "SELECT id, instancia, anio, version, archivo, sha256, cargado_en, estado, errores, advertencias, filas FROM envios WHERE \(condicion) ORDER BY id",
            parametros
        ).map { f in
            func i(_ v: ValorSQL) -> Int? {
                if case .entero(let n) = v { return Int(n) }
                return nil
            }
            func s(_ v: ValorSQL) -> String? {
                if case .texto(let t) = v { return t }
                return nil
            }
            return RegistroEnvio(
                id: Int64(i(f[0]) ?? 0), instancia: s(f[1]), anio: i(f[2]) ?? 0, version: i(f[3]),
                archivo: s(f[4]) ?? "",
                sha256: s(f[5]) ?? "", cargadoEn: s(f[6]) ?? "", estado: s(f[7]) == "aceptado" ? .aceptado : .rechazado,
                errores: i(f[8]) ?? 0, advertencias: i(f[9]) ?? 0, filas: i(f[10]) ?? 0)
        }
    }

    /// Every load of a year, oldest first.
    public func envios(anio: Int) throws(ErrorAlmacen) -> [RegistroEnvio] {
        try conConexion { base throws(ErrorAlmacen) in try envios(where: "anio = ?", [.entero(Int64(anio))], en: base) }
    }

    /// The vigente version of each instancia: its last accepted load.
    public func vigentes(anio: Int) throws(ErrorAlmacen) -> [RegistroEnvio] {
        try conConexion { base throws(ErrorAlmacen) in
            try envios(
                where:
                    "anio = ? AND estado = 'aceptado' AND id IN (SELECT MAX(id) FROM envios WHERE anio = ? AND estado = 'aceptado' GROUP BY instancia)",
                [.entero(Int64(anio)), .entero(Int64(anio))], en: base)
        }
    }

    /// One read query on a connection of its own.
    func consultar(_ sql: String, _ parametros: [ValorSQL] = []) throws(ErrorAlmacen) -> [[ValorSQL]] {
        try conConexion { base throws(ErrorAlmacen) in try base.consultar(sql, parametros) }
    }

    /// Instancias whose version 1 of the year was accepted.
    public func aceptadasEnVersion1(anio: Int) throws(ErrorAlmacen) -> Int {
        if case .entero(let n)? = try consultar(
            "SELECT COUNT(DISTINCT instancia) FROM envios WHERE anio = ? AND version = 1 AND estado = 'aceptado'",
            [.entero(Int64(anio))]
        ).first?.first {
            return Int(n)
        }
        return 0
    }

    /// The findings of a load.
    public func hallazgos(envio id: Int64) throws(ErrorAlmacen) -> [(codigo: String, severidad: String, celda: String?)]
    {
        try consultar(
            "SELECT codigo, severidad, celda FROM hallazgos WHERE envio_id = ? ORDER BY rowid", [.entero(id)]
        ).map {
            f in
            var celda: String?
            if case .texto(let c) = f[2] { celda = c }
            if case .texto(let a) = f[0], case .texto(let b) = f[1] { return (a, b, celda) }
            return ("", "", celda)
        }
    }

    /// The typed rows of a sheet of a load.
    public func filas(envio id: Int64, hoja: Hoja) throws(ErrorAlmacen) -> [[String: Valor]] {
        try filasNumeradas(envio: id, hoja: hoja).map(\.valores)
    }

    /// The typed rows of a sheet of a load with their spreadsheet row numbers, in row order.
    public func filasNumeradas(envio id: Int64, hoja: Hoja) throws(ErrorAlmacen) -> [(
        fila: Int, valores: [String: Valor]
    )] {
        let existe = try consultar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?", [.texto("datos_\(hoja.clave)")])
        guard !existe.isEmpty else { return [] }
        let presentes = Set(
            try consultar("PRAGMA table_info(\(Self.tabla(hoja.clave)))").compactMap { f -> String? in
                if case .texto(let n) = f[1] { return n }
                return nil
            })
        let campos = hoja.campos.filter { presentes.contains($0.clave) }
        guard !campos.isEmpty else { return [] }
        let columnas = campos.map { Self.columna($0.clave) }.joined(separator: ", ")
        return try consultar(
            "SELECT fila, \(columnas) FROM \(Self.tabla(hoja.clave)) WHERE envio_id = ? ORDER BY fila", [.entero(id)]
        )
        .map { f in
            var valores: [String: Valor] = [:]
            for (k, campo) in campos.enumerated() { valores[campo.clave] = Self.valor(f[k + 1], campo.tipo) }
            return (Int(Self.entero(f[0]) ?? 0), valores)
        }
    }

    /// `PRAGMA integrity_check` says `ok`.
    public func integro() throws(ErrorAlmacen) -> Bool {
        if case .texto("ok")? = try consultar("PRAGMA integrity_check").first?.first { return true }
        return false
    }

    /// Rows actually stored for a load, across its sheets (to check that no load is partial).
    public func filasGuardadas(envio id: Int64, metodologia: Metodologia) throws(ErrorAlmacen) -> Int {
        var total = 0
        for hoja in metodologia.hojas {
            let existe = try consultar(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?", [.texto("datos_\(hoja.clave)")])
            guard !existe.isEmpty else { continue }
            if case .entero(let n)? = try consultar(
                "SELECT COUNT(*) FROM \(Self.tabla(hoja.clave)) WHERE envio_id = ?", [.entero(id)]
            ).first?.first {
                total += Int(n)
            }
        }
        return total
    }
}

extension SHA256 {
    /// The SHA-256 of a file, or of a folder's files (names and contents, in name order).
    static func deDirectorioOArchivo(_ url: URL) -> String? {
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
