import Almacen
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Metodologia
import NIOCore
import Plantilla
import Servicios
import Validacion

/// The portal's settings (`informe servir`).
public struct Configuracion: Sendable {
    public var anfitrion = "127.0.0.1"
    public var puerto = 8080
    /// Largest upload accepted (413 past it).
    public var limiteSubida = 20 << 20
    /// The page templates, styles and script (`Plantillas/portal`).
    public var plantillas: URL
    /// Where report builds are written (one folder per year).
    public var salidas: URL

    public init(plantillas: URL, salidas: URL) {
        self.plantillas = plantillas
        self.salidas = salidas
    }
}

/// The validation portal: institutions upload their instrument and see what to fix; the Grupo
/// Técnico sees who delivered and builds the report. Pages and the JSON API share the same code.
///
/// ```swift
/// let portal = try await Portal(instrumentos: i, almacen: a, configuracion: c)
/// try await portal.aplicacion().runService()
/// ```
public struct Portal: Sendable {
    public let instrumentos: Instrumentos
    public let almacen: any Almacen
    public let configuracion: Configuracion
    let vistas: Vistas
    let pendientes = Pendientes()
    let trabajos = Trabajos()
    let estaticos: [String: (tipo: String, bytes: [UInt8])]
    let openapi: [UInt8]

    public init(instrumentos: Instrumentos, almacen: any Almacen, configuracion: Configuracion) async throws {
        self.instrumentos = instrumentos
        self.almacen = almacen
        self.configuracion = configuracion
        vistas = try await Vistas(carpeta: configuracion.plantillas)
        func leer(_ n: String) -> [UInt8] {
            (try? [UInt8](Data(contentsOf: configuracion.plantillas.appendingPathComponent(n)))) ?? []
        }
        estaticos = [
            "portal.css": ("text/css; charset=utf-8", leer("portal.css")),
            "portal.js": ("text/javascript; charset=utf-8", leer("portal.js")),
        ]
        openapi = leer("openapi.yaml")
    }

    /// The Hummingbird application on the configured address.
    public func aplicacion() -> some ApplicationProtocol {
        // Only warnings and errors from the server library (its messages are English); the shell
        // says in Spanish where the portal listens.
        var registro = Logger(label: "informe")
        registro.logLevel = .warning
        return Application(
            router: router(),
            configuration: .init(
                address: .hostname(configuracion.anfitrion, port: configuracion.puerto), serverName: "informe"),
            logger: registro)
    }

    // MARK: Helpers shared by the API and the pages

    var anioPorOmision: Int { instrumentos.anios.last ?? 2017 }

    func anio(_ request: Request) throws(ErrorPortal) -> Int {
        guard let texto = request.uri.queryParameters["anio"] else { return anioPorOmision }
        guard let a = Int(String(texto)), instrumentos.anios.contains(a) else {
            throw ErrorPortal(
                .badRequest,
                "No hay metodología del año «\(texto)»; los años disponibles son "
                    + instrumentos.anios.map(String.init).joined(separator: ", ") + ".")
        }
        return a
    }

    func metodologia(_ anio: Int) throws(ErrorPortal) -> Metodologia {
        do {
            return try instrumentos.metodologia(anio: anio)
        } catch {
            throw ErrorPortal(error)
        }
    }

    static func titular(_ c: Contexto) throws(ErrorPortal) -> Titular {
        guard let t = c.titular else { throw ErrorPortal.sinClave }
        return t
    }

    static func grupoTecnico(_ c: Contexto) throws(ErrorPortal) -> Titular {
        let t = try titular(c)
        guard t.grupoTecnico else { throw ErrorPortal.soloGrupoTecnico }
        return t
    }

    static func institucion(_ c: Contexto) throws(ErrorPortal) -> (Titular, String) {
        let t = try titular(c)
        guard !t.grupoTecnico, let i = t.instancia else { throw ErrorPortal.soloInstitucion }
        return (t, i)
    }

    /// The body, bounded: 413 with a Spanish message past the limit.
    func cuerpo(_ request: Request) async throws -> [UInt8] {
        let limite = configuracion.limiteSubida
        let mensaje = "El archivo supera el límite de \(limite >> 20) MB del portal; revise que sea el instrumento."
        if let largo = request.headers[.contentLength].flatMap({ Int($0) }), largo > limite + 64 << 10 {
            throw ErrorPortal(.contentTooLarge, mensaje)
        }
        do {
            let buffer = try await request.body.collect(upTo: limite + 64 << 10)
            return Array(buffer.readableBytesView)
        } catch {
            throw ErrorPortal(.contentTooLarge, mensaje)
        }
    }

    /// The uploaded file of a request: multipart field `archivo`, or the raw body with `X-Nombre-Archivo`.
    func subida(_ request: Request) async throws -> Subida {
        let bytes = try await cuerpo(request)
        let tipo = request.headers[.contentType] ?? ""
        var s: Subida
        if tipo.lowercased().hasPrefix("multipart/form-data") {
            s = try Subida.multipart(bytes, tipo: tipo)
        } else {
            guard let nombre = request.headers[.nombreArchivo] else {
                throw ErrorPortal(
                    .badRequest,
                    "Envíe el archivo como formulario (campo «archivo») o con la cabecera X-Nombre-Archivo.")
            }
            s = Subida(nombre: Subida.nombreSeguro(nombre), bytes: bytes)
        }
        if s.bytes.count > configuracion.limiteSubida {
            throw ErrorPortal(
                .contentTooLarge,
                "El archivo supera el límite de \(configuracion.limiteSubida >> 20) MB del portal; revise que sea el instrumento."
            )
        }
        try s.comprobarExtension()
        return s
    }

    var recepcion: Recepcion { Recepcion(cargador: Cargador(instrumentos: instrumentos, almacen: almacen)) }

    /// Reviews an upload for `titular`; an institution may only send its own instancia's file.
    func revisar(_ s: Subida, anio: Int, titular: Titular) async throws -> Recepcion.Recibido {
        let m = try metodologia(anio)
        let recepcion = self.recepcion
        let recibido: Recepcion.Recibido
        do {
            recibido = try await segundoPlano { try recepcion.revisar(s.bytes, nombre: s.nombre, metodologia: m) }
        } catch let rechazo as Recepcion.Rechazo {
            throw ErrorPortal(.unprocessableContent, rechazo.mensaje)
        }
        if !titular.grupoTecnico, let propia = titular.instancia, let del = recibido.revision.resultado.instancia,
            del != propia
        {
            throw ErrorPortal(
                .forbidden,
                "El archivo «\(s.nombre)» es de la instancia \(del) (hoja Identificacion); con la clave de \(propia) "
                    + "solo puede revisar y enviar los archivos de \(propia). No se guardó nada.")
        }
        return recibido
    }

    /// The record of an envío that `titular` may see, or 403/404.
    func envioVisible(_ c: Contexto, instancia: String, anio: Int, version: Int) async throws -> RegistroEnvio {
        let t = try Self.titular(c)
        guard t.grupoTecnico || t.instancia == instancia else { throw ErrorPortal.ajeno }
        let almacen = self.almacen
        guard let r = try await segundoPlano({ try almacen.envio(instancia: instancia, anio: anio, version: version) })
        else {
            throw ErrorPortal(.notFound, "No existe la versión \(version) de \(instancia) en \(anio).")
        }
        return r
    }

    /// The annotated copy of a stored envío, rebuilt from its kept original (accepted envíos only).
    func copiaRevisada(_ r: RegistroEnvio) async throws -> [UInt8] {
        let almacen = self.almacen
        guard let original = try await segundoPlano({ try almacen.original(envio: r.id) }) else {
            throw ErrorPortal(
                .notFound,
                "El archivo original de la versión \(r.version ?? 0) no se conserva (solo se guardan los envíos aceptados que llegaron por el portal)."
            )
        }
        let m = try metodologia(r.anio)
        let recepcion = self.recepcion
        let recibido = try await segundoPlano {
            try recepcion.revisar(original.bytes, nombre: original.nombre, metodologia: m)
        }
        guard let copia = recibido.revision.copiaRevisada else { throw ErrorPortal.noEncontrado }
        return copia
    }

    static func parametro(_ c: Contexto, _ nombre: String) throws(ErrorPortal) -> String {
        guard let v = c.parameters.get(nombre) else { throw ErrorPortal.noEncontrado }
        return String(v)
    }

    static func parametroEntero(_ c: Contexto, _ nombre: String) throws(ErrorPortal) -> Int {
        guard let v = c.parameters.get(nombre).flatMap({ Int($0) }) else { throw ErrorPortal.noEncontrado }
        return v
    }

    /// Form fields of an `application/x-www-form-urlencoded` body.
    static func formulario(_ bytes: [UInt8]) -> [String: String] {
        var campos: [String: String] = [:]
        for par in String(decoding: bytes, as: UTF8.self).split(separator: "&") {
            let partes = par.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decodificar(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            if let k = partes.first { campos[decodificar(k)] = partes.count > 1 ? decodificar(partes[1]) : "" }
        }
        return campos
    }

    /// Form POSTs from a session carry its CSRF token.
    static func comprobarCSRF(_ c: Contexto, _ enviado: String?) throws(ErrorPortal) {
        guard c.porSesion else { return }
        guard let csrf = c.csrf, let enviado, !enviado.isEmpty, enviado == csrf else { throw ErrorPortal.csrf }
    }

    func construccion(anio: Int) -> Construccion {
        var c = Construccion(
            instrumentos: instrumentos, almacen: almacen, anio: anio,
            salida: configuracion.salidas.appendingPathComponent(String(anio)))
        c.soloAlmacen = true
        return c
    }

    /// The files of a finished build that can be downloaded (relative paths).
    func archivosDelInforme(anio: Int) -> [String] {
        let carpeta = configuracion.salidas.appendingPathComponent(String(anio))
        var lista = ["informe-anual-\(anio).pdf", "datos/indicadores.csv", "datos/diccionario.csv", "manifiesto.json"]
        let graficas =
            (try? FileManager.default.contentsOfDirectory(atPath: carpeta.appendingPathComponent("graficas").path))
            ?? []
        lista += graficas.filter { $0.hasSuffix(".png") || $0.hasSuffix(".svg") }.sorted().map { "graficas/" + $0 }
        return lista.filter { FileManager.default.fileExists(atPath: carpeta.appendingPathComponent($0).path) }
    }
}
