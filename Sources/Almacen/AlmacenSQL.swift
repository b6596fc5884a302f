import Foundation
import Metodologia
import Validacion

/// The store in SQL, once for every engine: the engine (`MotorSQL`) opens connections and names its
/// dialect; the tables, the transactions and the numbering of versions are the same on each.
///
/// ```swift
/// let almacen = try AlmacenSQL(motor: MotorSQLite(ruta: "Salidas/informe.sqlite"))
/// ```
public final class AlmacenSQL: Almacen, @unchecked Sendable {
    public let motor: any MotorSQL
    let dialecto: Dialecto
    let reloj: @Sendable () -> Date
    static let versionEsquema = 3
    /// Idle connections. Each operation takes one for itself and gives it back, so concurrent callers
    /// never share a connection (nor its transaction); the engine orders the writers.
    private var libres: [any ConexionSQL] = []
    let cerrojo = NSLock()
    var columnasRecordadas: [String: Set<String>] = [:]
    static let maximoLibres = 8

    public var descripcion: String { motor.descripcion }

    /// Opens (creating if needed) and migrates the store. `reloj` stamps each load.
    public init(motor: any MotorSQL, reloj: @escaping @Sendable () -> Date = { Date() }) throws(ErrorAlmacen) {
        self.motor = motor
        self.dialecto = motor.dialecto
        self.reloj = reloj
        let primera = try motor.conectar()
        try migrar(primera)
        libres.append(primera)
    }

    /// The SQLite store at `ruta` (created mode 0600 when missing).
    public convenience init(ruta: String, reloj: @escaping @Sendable () -> Date = { Date() }) throws(ErrorAlmacen) {
        try self.init(motor: MotorSQLite(ruta: ruta), reloj: reloj)
    }

    /// Runs `cuerpo` on a connection of its own.
    func conConexion<T>(_ cuerpo: (any ConexionSQL) throws(ErrorAlmacen) -> T) throws(ErrorAlmacen) -> T {
        cerrojo.lock()
        let tomada = libres.popLast()
        cerrojo.unlock()
        let base: any ConexionSQL
        if let tomada { base = tomada } else { base = try motor.conectar() }
        defer {
            cerrojo.lock()
            if libres.count < Self.maximoLibres && base.utilizable { libres.append(base) }
            cerrojo.unlock()
        }
        return try cuerpo(base)
    }

    /// Runs `cuerpo` in one transaction on a connection of its own: all of it or nothing.
    func enTransaccion<T>(
        _ comienzo: String? = nil, _ cuerpo: (any ConexionSQL) throws(ErrorAlmacen) -> T
    ) throws(ErrorAlmacen) -> T {
        try conConexion { base throws(ErrorAlmacen) in
            try base.ejecutar(comienzo ?? dialecto.comenzar)
            do throws(ErrorAlmacen) {
                let r = try cuerpo(base)
                try base.ejecutar("COMMIT")
                return r
            } catch {
                try? base.ejecutar("ROLLBACK")
                throw error
            }
        }
    }

    /// One read query on a connection of its own.
    func consultar(_ sql: String, _ parametros: [ValorSQL] = []) throws(ErrorAlmacen) -> [[ValorSQL]] {
        try conConexion { base throws(ErrorAlmacen) in try base.consultar(sql, parametros) }
    }

    // MARK: Schema

    private func migrar(_ base: any ConexionSQL) throws(ErrorAlmacen) {
        let d = dialecto
        try base.ejecutar(d.comenzarMigracion)
        do throws(ErrorAlmacen) {
            let actual = Int(Self.entero(try base.consultar(d.leerVersion, []).first?.first ?? .nulo) ?? 0)
            if actual > Self.versionEsquema {
                throw ErrorAlmacen(mensaje: "La base es de una versión más nueva del programa (esquema \(actual)).")
            }
            if actual < 1 {
                try base.ejecutar(
                    """
                    CREATE TABLE envios (
                        id \(d.claveAuto), instancia TEXT, anio \(d.entero) NOT NULL, version \(d.entero),
                        archivo TEXT NOT NULL, sha256 TEXT NOT NULL, cargado_en TEXT NOT NULL,
                        estado TEXT NOT NULL CHECK (estado IN ('aceptado', 'rechazado')),
                        errores \(d.entero) NOT NULL, advertencias \(d.entero) NOT NULL, filas \(d.entero) NOT NULL);
                    CREATE UNIQUE INDEX envios_sha ON envios (anio, sha256);
                    CREATE INDEX envios_instancia ON envios (anio, instancia, version);
                    CREATE TABLE hallazgos (
                        \(d.columnaOrden)envio_id \(d.entero) NOT NULL REFERENCES envios (id), archivo TEXT, hoja TEXT,
                        celda TEXT, fila \(d.entero), columna TEXT, campo TEXT, codigo TEXT NOT NULL,
                        severidad TEXT NOT NULL, regla TEXT, valor TEXT, mensaje TEXT NOT NULL);
                    CREATE INDEX hallazgos_envio ON hallazgos (envio_id);
                    \(d.fijarVersion(1))
                    """)
            }
            if actual < 2 {
                // The portal: access keys (hashes only), sessions, the audit log and accepted originals.
                try base.ejecutar(
                    """
                    CREATE TABLE claves (
                        id \(d.claveAuto), hash TEXT NOT NULL UNIQUE, instancia TEXT,
                        grupo_tecnico \(d.entero) NOT NULL, creada_en TEXT NOT NULL, revocada_en TEXT);
                    CREATE TABLE sesiones (
                        hash TEXT PRIMARY KEY, clave_id \(d.entero) NOT NULL REFERENCES claves (id),
                        csrf TEXT NOT NULL, expira TEXT NOT NULL);
                    CREATE TABLE auditoria (
                        id \(d.claveAuto), cuando TEXT NOT NULL, clave_id \(d.entero), quien TEXT NOT NULL,
                        metodo TEXT NOT NULL, ruta TEXT NOT NULL, estado \(d.entero) NOT NULL, envio_id \(d.entero),
                        sha256 TEXT);
                    CREATE TABLE originales (
                        envio_id \(d.entero) PRIMARY KEY REFERENCES envios (id), nombre TEXT NOT NULL,
                        bytes \(d.bytes) NOT NULL);
                    \(d.fijarVersion(2))
                    """)
            }
            if actual < 3 {
                // The methodology's fingerprint at each load: an envío already loaded under the same
                // methodology need not be validated again.
                try base.ejecutar("ALTER TABLE envios ADD COLUMN metodologia TEXT; \(d.fijarVersion(3))")
            }
            try base.ejecutar("COMMIT")
        } catch {
            try? base.ejecutar("ROLLBACK")
            throw error
        }
    }

    /// The schema version the store is at.
    public func versionDelEsquema() throws(ErrorAlmacen) -> Int {
        Int(Self.entero(try consultar(dialecto.leerVersion).first?.first ?? .nulo) ?? 0)
    }

    // MARK: Loading

    public func cargar(
        _ resultado: ResultadoValidacion, sha256 sha: String, metodologia: Metodologia
    ) throws(ErrorAlmacen) -> ResultadoCarga {
        try enTransaccion(dialecto.comenzarCarga) { base throws(ErrorAlmacen) -> ResultadoCarga in
            let anio = Int64(metodologia.anio)
            if let previo = try envios(where: "anio = ? AND sha256 = ?", [.entero(anio), .texto(sha)], en: base).first {
                return .yaCargado(previo)
            }
            var version: Int?
            if let instancia = resultado.instancia {
                let n = try base.consultar(
                    "SELECT COALESCE(MAX(version), 0) FROM envios WHERE anio = ? AND instancia = ?",
                    [.entero(anio), .texto(instancia)])
                version = Int(Self.entero(n.first?.first ?? .nulo) ?? 0) + 1
            }
            let aceptado = resultado.errores == 0 && resultado.instancia != nil
            let filas = aceptado ? resultado.datos.values.reduce(0) { $0 + $1.count } : 0
            let instante = ISO8601DateFormatter().string(from: reloj())
            let insertado = try base.consultar(
                "INSERT INTO envios (instancia, anio, version, archivo, sha256, cargado_en, estado, errores, advertencias, filas, metodologia) VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                [
                    resultado.instancia.map { .texto($0) } ?? .nulo, .entero(anio),
                    version.map { .entero(Int64($0)) } ?? .nulo, .texto(resultado.archivo), .texto(sha),
                    .texto(instante), .texto(aceptado ? "aceptado" : "rechazado"), .entero(Int64(resultado.errores)),
                    .entero(Int64(resultado.advertencias)), .entero(Int64(filas)), .texto(metodologia.firma),
                ])
            guard let id = Self.entero(insertado.first?.first ?? .nulo) else {
                throw ErrorAlmacen(mensaje: "Error de la base de datos: no devolvió el número del envío.")
            }
            func t(_ s: String?) -> ValorSQL { s.map { .texto($0) } ?? .nulo }
            try insertarLote(
                "hallazgos",
                [
                    "envio_id", "archivo", "hoja", "celda", "fila", "columna", "campo", "codigo", "severidad", "regla",
                    "valor", "mensaje",
                ],
                resultado.hallazgos.map { h in
                    [
                        .entero(id), .texto(h.archivo), t(h.hoja), t(h.celda),
                        h.fila.map { .entero(Int64($0)) } ?? .nulo,
                        t(h.letraColumna), t(h.campo), .texto(h.codigo), .texto(h.severidad.rawValue), t(h.regla),
                        t(h.valor), .texto(h.mensaje),
                    ]
                }, en: base)
            if aceptado {
                for hoja in metodologia.hojas {
                    guard let filasHoja = resultado.datos[hoja.clave], !filasHoja.isEmpty else { continue }
                    let campos = hoja.campos.map { (Self.nombreColumna($0.clave), Self.tipoColumna($0.tipo)) }
                    try asegurarTabla(Self.nombreTabla(hoja.clave), campos, en: base)
                    try insertarLote(
                        Self.tabla(hoja.clave), ["envio_id", "fila"] + campos.map { "\"\($0.0)\"" },
                        filasHoja.map { fila in
                            [.entero(id), .entero(Int64(fila.fila))]
                                + zip(hoja.campos, campos).map { campo, columna in
                                    columna.1.ajustar(Self.sql(fila.valores[campo.clave] ?? .nulo))
                                }
                        }, en: base)
                }
            }
            return aceptado
                ? .aceptado(version: version ?? 0, advertencias: resultado.advertencias)
                : .rechazado(version: version, errores: resultado.errores)
        }
    }

    // MARK: Queries

    func envios(where condicion: String, _ parametros: [ValorSQL], en base: any ConexionSQL) throws(ErrorAlmacen)
        -> [RegistroEnvio]
    {
        try base.consultar(
            "SELECT id, instancia, anio, version, archivo, sha256, cargado_en, estado, errores, advertencias, filas, metodologia FROM envios WHERE \(condicion) ORDER BY id",
            parametros
        ).map { f in
            func i(_ v: ValorSQL) -> Int? { Self.entero(v).map { Int($0) } }
            return RegistroEnvio(
                id: Self.entero(f[0]) ?? 0, instancia: Self.texto(f[1]), anio: i(f[2]) ?? 0, version: i(f[3]),
                archivo: Self.texto(f[4]) ?? "", sha256: Self.texto(f[5]) ?? "", cargadoEn: Self.texto(f[6]) ?? "",
                estado: Self.texto(f[7]) == "aceptado" ? .aceptado : .rechazado,
                errores: i(f[8]) ?? 0, advertencias: i(f[9]) ?? 0, filas: i(f[10]) ?? 0, metodologia: Self.texto(f[11]))
        }
    }

    func envios(where condicion: String, _ parametros: [ValorSQL]) throws(ErrorAlmacen) -> [RegistroEnvio] {
        try conConexion { base throws(ErrorAlmacen) in try envios(where: condicion, parametros, en: base) }
    }

    public func asentar() throws(ErrorAlmacen) {
        guard let sql = dialecto.asentar else { return }
        try conConexion { base throws(ErrorAlmacen) in try base.ejecutar(sql) }
    }

    public func envios(anio: Int) throws(ErrorAlmacen) -> [RegistroEnvio] {
        try envios(where: "anio = ?", [.entero(Int64(anio))])
    }

    public func vigentes(anio: Int) throws(ErrorAlmacen) -> [RegistroEnvio] {
        try envios(
            where:
                "anio = ? AND estado = 'aceptado' AND id IN (SELECT MAX(id) FROM envios WHERE anio = ? AND estado = 'aceptado' GROUP BY instancia)",
            [.entero(Int64(anio)), .entero(Int64(anio))])
    }

    public func envio(instancia: String, anio: Int, version: Int) throws(ErrorAlmacen) -> RegistroEnvio? {
        try envios(
            where: "anio = ? AND instancia = ? AND version = ?",
            [.entero(Int64(anio)), .texto(instancia), .entero(Int64(version))]
        ).first
    }

    public func envio(sha256: String, anio: Int) throws(ErrorAlmacen) -> RegistroEnvio? {
        try envios(where: "anio = ? AND sha256 = ?", [.entero(Int64(anio)), .texto(sha256)]).first
    }

    public func aceptadasEnVersion1(anio: Int) throws(ErrorAlmacen) -> Int {
        let n = try consultar(
            "SELECT COUNT(DISTINCT instancia) FROM envios WHERE anio = ? AND version = 1 AND estado = 'aceptado'",
            [.entero(Int64(anio))])
        return Int(Self.entero(n.first?.first ?? .nulo) ?? 0)
    }

    public func hallazgosCompletos(envio id: Int64) throws(ErrorAlmacen) -> [Hallazgo] {
        try consultar(
            "SELECT archivo, hoja, fila, columna, campo, codigo, severidad, regla, valor, mensaje FROM hallazgos WHERE envio_id = ? ORDER BY \(dialecto.ordenInsercion)",
            [.entero(id)]
        ).map { f in
            Hallazgo(
                archivo: Self.texto(f[0]) ?? "", hoja: Self.texto(f[1]), fila: Self.entero(f[2]).map { Int($0) },
                columna: Self.texto(f[3]).flatMap(Self.indiceColumna), campo: Self.texto(f[4]),
                codigo: Self.texto(f[5]) ?? "", severidad: Self.texto(f[6]) == "error" ? .error : .advertencia,
                regla: Self.texto(f[7]), valor: Self.texto(f[8]), mensaje: Self.texto(f[9]) ?? "")
        }
    }

    public func filasNumeradas(envio id: Int64, hoja: Hoja) throws(ErrorAlmacen) -> [(
        fila: Int, valores: [String: Valor]
    )] {
        try conConexion { base throws(ErrorAlmacen) in
            let presentes = try columnasPresentes(
                Self.nombreTabla(hoja.clave), campos: hoja.campos.map { Self.nombreColumna($0.clave) }, en: base)
            let campos = hoja.campos.filter { presentes.contains(Self.nombreColumna($0.clave)) }
            guard !campos.isEmpty else { return [] }
            let lista = campos.map { Self.columna($0.clave) }.joined(separator: ", ")
            return try base.consultar(
                "SELECT fila, \(lista) FROM \(Self.tabla(hoja.clave)) WHERE envio_id = ? ORDER BY fila", [.entero(id)]
            ).map { f in
                // Sized once: growing a dictionary field by field rehashes it four times.
                var valores = [String: Valor](minimumCapacity: campos.count)
                for (k, campo) in campos.enumerated() { valores[campo.clave] = Self.valor(f[k + 1], campo.tipo) }
                return (Int(Self.entero(f[0]) ?? 0), valores)
            }
        }
    }

    public func filasGuardadas(envio id: Int64, metodologia: Metodologia) throws(ErrorAlmacen) -> Int {
        try conConexion { base throws(ErrorAlmacen) in
            var total = 0
            for hoja in metodologia.hojas
            where try !columnasPresentes(Self.nombreTabla(hoja.clave), campos: [], en: base).isEmpty {
                let n = try base.consultar(
                    "SELECT COUNT(*) FROM \(Self.tabla(hoja.clave)) WHERE envio_id = ?", [.entero(id)])
                total += Int(Self.entero(n.first?.first ?? .nulo) ?? 0)
            }
            return total
        }
    }

    public func integro() throws(ErrorAlmacen) -> Bool {
        try conConexion { base throws(ErrorAlmacen) in
            if dialecto == .sqlite,
                Self.texto(try base.consultar("PRAGMA integrity_check", []).first?.first ?? .nulo) != "ok"
            {
                return false
            }
            // Rows per envío across every typed table, against what each envío's record says it has.
            var guardadas: [Int64: Int64] = [:]
            for tabla in try base.consultar(dialecto.tablasDeDatos, []).compactMap({ Self.texto($0[0]) }) {
                for f in try base.consultar("SELECT envio_id, COUNT(*) FROM \"\(tabla)\" GROUP BY envio_id", []) {
                    guard let id = Self.entero(f[0]) else { return false }
                    guardadas[id, default: 0] += Self.entero(f[1]) ?? 0
                }
            }
            let esperadas = try base.consultar("SELECT id, filas FROM envios", [])
            var ids = Set<Int64>()
            for f in esperadas {
                guard let id = Self.entero(f[0]) else { return false }
                ids.insert(id)
                if guardadas[id, default: 0] != Self.entero(f[1]) ?? -1 { return false }
            }
            return guardadas.keys.allSatisfy(ids.contains)
        }
    }
}
