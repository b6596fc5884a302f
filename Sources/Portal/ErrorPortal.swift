import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Servicios

/// A refusal or failure with its HTTP status and a Spanish message; the API answers it as JSON
/// (`{"error": "…"}`), the pages as an HTML page.
public struct ErrorPortal: HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var mensaje: String

    public init(_ status: HTTPResponse.Status, _ mensaje: String) {
        self.status = status
        self.mensaje = mensaje
    }

    static let sinClave = ErrorPortal(
        .unauthorized, "Falta la clave de acceso: envíe «Authorization: Bearer <clave>» o inicie sesión.")
    static let soloGrupoTecnico = ErrorPortal(.forbidden, "Esta acción es solo para el Grupo Técnico.")
    static let soloInstitucion = ErrorPortal(.forbidden, "Esta acción es solo para las instituciones.")
    static let ajeno = ErrorPortal(.forbidden, "Ese envío es de otra instancia; solo puede ver los suyos.")
    static let csrf = ErrorPortal(
        .forbidden, "El formulario caducó o no viene de este portal. Vuelva a cargar la página e inténtelo de nuevo.")
    static let noEncontrado = ErrorPortal(.notFound, "No existe lo que busca.")

    /// A use-case's typed error as an HTTP status.
    init(_ error: ErrorServicio) {
        switch error {
        case .metodologiaNoEncontrada: self.init(.notFound, error.mensaje)
        case .entradaInexistente, .instanciaDesconocida, .metodologiaInvalida, .consultaInvalida:
            self.init(.badRequest, error.mensaje)
        case .sinDatos, .entradaIlegible: self.init(.unprocessableContent, error.mensaje)
        case .almacen, .almacenInexistente, .escritura: self.init(.internalServerError, error.mensaje)
        case .bibliotecasDeDibujo: self.init(.serviceUnavailable, error.mensaje)
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        if request.uri.path.hasPrefix("/api/") || request.uri.path == "/salud" {
            return Respuestas.json("{\"error\": \(JSONText.string(mensaje))}", status: status)
        }
        return Respuestas.html(Vistas.error(status: status.code, mensaje: mensaje), status: status)
    }
}

/// Small builders of responses.
enum Respuestas {
    static func json(_ texto: String, status: HTTPResponse.Status = .ok, cabeceras: HTTPFields = [:]) -> Response {
        var h = cabeceras
        h[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: h, body: .init(byteBuffer: ByteBuffer(string: texto)))
    }

    static func html(_ texto: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: texto)))
    }

    /// A file to download, with a safe ASCII file name.
    static func descarga(_ bytes: [UInt8], nombre: String, tipo: String) -> Response {
        let seguro = String(
            nombre.unicodeScalars.map { c in
                c.isASCII && (CharacterSet.alphanumerics.contains(c) || "._-".unicodeScalars.contains(c))
                    ? Character(c) : "_"
            })
        return Response(
            status: .ok,
            headers: [
                .contentType: tipo, .contentDisposition: "attachment; filename=\"\(seguro)\"",
                .cacheControl: "no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func redirigir(_ ruta: String) -> Response {
        Response(status: .seeOther, headers: [.location: ruta])
    }

    static let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
}
