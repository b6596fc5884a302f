import Almacen
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// The shared engine: a PostgreSQL server, reached with postgres-nio. Chosen with a URL
/// (`postgres://usuario[:clave]@anfitrion[:puerto]/base`); the password may instead come from `PGPASSWORD`.
///
/// ```swift
/// let almacen = try AlmacenSQL(motor: MotorPostgres(url: "postgres://informe@127.0.0.1:5432/informe"))
/// ```
public struct MotorPostgres: MotorSQL {
    public let anfitrion: String
    public let puerto: Int
    public let usuario: String
    let clave: String?
    public let base: String

    /// The URL without its password (for messages and logs).
    public var descripcion: String { "postgres://\(usuario)@\(anfitrion):\(puerto)/\(base)" }
    public var dialecto: Dialecto { .postgres }

    /// True when `texto` names a PostgreSQL store rather than a SQLite file.
    public static func esURL(_ texto: String) -> Bool {
        texto.hasPrefix("postgres://") || texto.hasPrefix("postgresql://")
    }

    /// `texto` with the password, if any, replaced by `***` (for messages).
    public static func sinClave(_ texto: String) -> String {
        guard let inicio = texto.range(of: "://"), let arroba = texto[inicio.upperBound...].lastIndex(of: "@"),
            let dosPuntos = texto[inicio.upperBound..<arroba].firstIndex(of: ":")
        else { return texto }
        return String(texto[..<texto.index(after: dosPuntos)]) + "***" + String(texto[arroba...])
    }

    public init(url original: String, entorno: [String: String] = ProcessInfo.processInfo.environment)
        throws(ErrorAlmacen)
    {
        let texto = Self.sinClave(original)
        let ejemplo = "postgres://usuario@anfitrion:5432/base"
        guard Self.esURL(original), let url = URLComponents(string: original), let host = url.host, !host.isEmpty
        else {
            throw ErrorAlmacen(
                mensaje: "«\(texto)» no es una dirección de PostgreSQL válida; escríbala como \(ejemplo).")
        }
        guard let usuario = url.user, !usuario.isEmpty else {
            throw ErrorAlmacen(mensaje: "Falta el usuario en «\(texto)»; escriba la dirección como \(ejemplo).")
        }
        let base = String(url.path.drop { $0 == "/" })
        guard !base.isEmpty, !base.contains("/") else {
            throw ErrorAlmacen(
                mensaje: "Falta el nombre de la base en «\(texto)»; escriba la dirección como \(ejemplo).")
        }
        let puerto = url.port ?? 5432
        guard (1...65535).contains(puerto) else {
            throw ErrorAlmacen(mensaje: "El puerto de «\(texto)» debe estar entre 1 y 65535.")
        }
        self.anfitrion = host
        self.puerto = puerto
        self.usuario = usuario.removingPercentEncoding ?? usuario
        self.clave = url.password.map { $0.removingPercentEncoding ?? $0 } ?? entorno["PGPASSWORD"]
        self.base = base.removingPercentEncoding ?? base
    }

    /// One event loop of its own: waiting on it never blocks the portal's (nor deadlocks against them).
    static let grupo = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    static let contador = Contador()

    public func conectar() throws(ErrorAlmacen) -> any ConexionSQL {
        var configuracion = PostgresConnection.Configuration(
            host: anfitrion, port: puerto, username: usuario, password: clave, database: base, tls: .disable)
        configuracion.options.connectTimeout = .seconds(10)
        var logger = Logger(label: "informe.almacen.postgres")
        logger.logLevel = .critical
        do {
            let conexion = try PostgresConnection.connect(
                on: Self.grupo.next(), configuration: configuracion, id: Self.contador.siguiente(), logger: logger
            ).wait()
            let c = ConexionPostgres(conexion: conexion, logger: logger)
            // Messages of the server in a stable language (the store's own are Spanish anyway).
            try c.ejecutar("SET client_min_messages = warning")
            return c
        } catch let e as ErrorAlmacen {
            throw e
        } catch {
            throw ErrorAlmacen(mensaje: "No se pudo conectar con PostgreSQL en \(descripcion): \(Self.causa(error)).")
        }
    }

    /// postgres-nio's errors in Spanish, with what to do.
    static func causa(_ error: any Error) -> String {
        if let e = error as? PSQLError {
            if let estado = e.serverInfo?[.sqlState] {
                switch estado {
                case "3D000": return "la base no existe; créela con «createdb» o indique otra"
                case "28P01", "28000": return "el servidor rechazó al usuario o su contraseña (use PGPASSWORD)"
                case "23505": return "se violó una restricción de los datos (registro repetido)"
                case "53100": return "no queda espacio en el disco del servidor"
                case "53300": return "el servidor no acepta más conexiones; inténtelo en un momento"
                case "57P01", "57P02", "57P03":
                    return "el servidor se está deteniendo o arrancando; inténtelo en un momento"
                case "40001", "40P01": return "la operación chocó con otra simultánea; inténtela de nuevo"
                case "42501": return "el usuario no tiene permiso sobre la base"
                default: return "error del servidor (SQLSTATE \(estado))"
                }
            }
            switch e.code {
            case .connectionError:
                return e.underlying.map(causa)
                    ?? "no responde; revise el anfitrión, el puerto y que el servidor esté en marcha"
            case .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
                return "la conexión se cerró"
            case .authMechanismRequiresPassword: return "el servidor pide contraseña; póngala en PGPASSWORD"
            case .sslUnsupported: return "el servidor exige o rechaza TLS"
            default: return "error de comunicación con el servidor"
            }
        }
        if let e = error as? IOError {
            switch e.errnoCode {
            case ECONNREFUSED:
                return "conexión rechazada; revise el anfitrión, el puerto y que el servidor esté en marcha"
            case ETIMEDOUT: return "el servidor no respondió a tiempo"
            case EHOSTUNREACH, ENETUNREACH: return "no se alcanza al anfitrión"
            default: return "error de red (errno \(e.errnoCode))"
            }
        }
        let texto = "\(error)"
        if texto.contains("connectTimeout") || texto.contains("timeout") { return "el servidor no respondió a tiempo" }
        if texto.contains("refused") {
            return "conexión rechazada; revise el anfitrión, el puerto y que el servidor esté en marcha"
        }
        if texto.contains("resolve") || texto.contains("NXDOMAIN") || texto.contains("getaddrinfo") {
            return "no se encontró el anfitrión"
        }
        return "no responde; revise el anfitrión, el puerto y que el servidor esté en marcha"
    }
}

/// A thread-safe counter for connection ids.
final class Contador: @unchecked Sendable {
    private var n = 0
    private let cerrojo = NSLock()
    func siguiente() -> Int {
        cerrojo.lock()
        defer { cerrojo.unlock() }
        n += 1
        return n
    }
}

/// One PostgreSQL connection, used synchronously (each call waits on the engine's own event loop).
final class ConexionPostgres: ConexionSQL {
    let conexion: PostgresConnection
    let logger: Logger

    init(conexion: PostgresConnection, logger: Logger) {
        self.conexion = conexion
        self.logger = logger
    }

    deinit {
        // The connection must outlive its closing (postgres-nio checks it): the callback keeps it.
        let c = conexion
        c.close().whenComplete { _ in _ = c }
    }

    var utilizable: Bool { !conexion.isClosed }

    private func fallo(_ error: any Error) -> ErrorAlmacen {
        ErrorAlmacen(mensaje: "Error de la base de datos PostgreSQL: \(MotorPostgres.causa(error)).")
    }

    /// Each statement on its own (the extended protocol takes one at a time).
    func ejecutar(_ sql: String) throws(ErrorAlmacen) {
        for sentencia in Self.sentencias(sql) {
            _ = try consultar(sentencia, [])
        }
    }

    /// The statements of a script, split at `;` outside quoted text and names.
    static func sentencias(_ sql: String) -> [String] {
        var partes: [String] = []
        var actual = ""
        var comilla: Character?
        for c in sql {
            if let q = comilla {
                if c == q { comilla = nil }
            } else if c == "'" || c == "\"" {
                comilla = c
            } else if c == ";" {
                partes.append(actual)
                actual = ""
                continue
            }
            actual.append(c)
        }
        partes.append(actual)
        return partes.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    func consultar(_ sql: String, _ parametros: [ValorSQL]) throws(ErrorAlmacen) -> [[ValorSQL]] {
        var binds = PostgresBindings(capacity: parametros.count)
        for p in parametros {
            switch p {
            case .nulo: binds.appendNull()
            case .entero(let n): binds.append(n)
            case .real(let d): binds.append(d)
            case .texto(let t): binds.append(t)
            case .bytes(let b): binds.append(ByteBuffer(bytes: b))
            }
        }
        let resultado: PostgresQueryResult
        do {
            resultado = try conexion.query(
                PostgresQuery(unsafeSQL: Self.numerar(sql), binds: binds), logger: logger
            ).wait()
        } catch {
            throw fallo(error)
        }
        return resultado.rows.map { fila in fila.map(Self.valor) }
    }

    /// `?` placeholders as PostgreSQL's `$1, $2…` (outside quoted text and names).
    static func numerar(_ sql: String) -> String {
        var salida = ""
        salida.reserveCapacity(sql.utf8.count + 16)
        var n = 0
        var comilla: Character?
        for c in sql {
            if let q = comilla {
                if c == q { comilla = nil }
                salida.append(c)
            } else if c == "'" || c == "\"" {
                comilla = c
                salida.append(c)
            } else if c == "?" {
                n += 1
                salida += "$\(n)"
            } else {
                salida.append(c)
            }
        }
        return salida
    }

    static func valor(_ celda: PostgresCell) -> ValorSQL {
        guard celda.bytes != nil else { return .nulo }
        switch celda.dataType {
        case .int2, .int4, .int8:
            return (try? celda.decode(Int64.self)).map { .entero($0) } ?? .nulo
        case .float4, .float8:
            return (try? celda.decode(Double.self)).map { .real($0) } ?? .nulo
        case .numeric:
            return (try? celda.decode(String.self)).flatMap(Double.init).map { .real($0) } ?? .nulo
        case .bool:
            return (try? celda.decode(Bool.self)).map { .entero($0 ? 1 : 0) } ?? .nulo
        case .bytea:
            return (try? celda.decode(ByteBuffer.self)).map { .bytes(Array($0.readableBytesView)) } ?? .nulo
        default:
            return (try? celda.decode(String.self)).map { .texto($0) } ?? .nulo
        }
    }
}
