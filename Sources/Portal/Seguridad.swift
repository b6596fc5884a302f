import Almacen
import Foundation
import HTTPTypes
import Hummingbird

/// Who is asking (`Authorization: Bearer <clave>` for the API, the `sesion` cookie for pages), and
/// the audit log of every request: who, what route, which envío and SHA-256 (from the response's own
/// headers), when. Unauthenticated requests pass through with no holder; each route decides what it
/// needs, and its refusal is logged too.
struct AutenticacionYAuditoria: RouterMiddleware {
    typealias Context = Contexto
    let almacen: any Almacen
    let reloj: @Sendable () -> Date

    func handle(_ request: Request, context: Contexto, next: (Request, Contexto) async throws -> Response)
        async throws -> Response
    {
        var context = context
        var response: Response
        do {
            context = try await autenticar(request, context)
            response = try await next(request, context)
        } catch let error as ErrorPortal {
            response = try error.response(from: request, context: context)
        }
        let ruta = request.uri.path
        guard ruta != "/salud", !ruta.hasPrefix("/estatico/") else { return response }
        let entrada = EntradaAuditoria(
            cuando: ISO8601DateFormatter().string(from: reloj()), quien: context.titular?.nombre ?? "anónimo",
            metodo: request.method.rawValue, ruta: ruta, estado: response.status.code,
            envioID: response.headers[.informeEnvio].flatMap { Int64($0) },
            sha256: response.headers[.informeSha256])
        let id = context.titular?.claveID
        let almacen = self.almacen
        try? await segundoPlano { try almacen.auditar(entrada, claveID: id) }
        return response
    }

    private func autenticar(_ request: Request, _ context: Contexto) async throws -> Contexto {
        var context = context
        if let autorizacion = request.headers[.authorization] {
            guard autorizacion.hasPrefix("Bearer "), autorizacion.count > 7 else { throw ErrorPortal.sinClave }
            let clave = String(autorizacion.dropFirst(7)).trimmingCharacters(in: .whitespaces)
            let almacen = self.almacen
            guard let titular = try await segundoPlano({ try almacen.titular(clave: clave) }) else {
                throw ErrorPortal(.unauthorized, "La clave de acceso no es válida o fue revocada.")
            }
            context.titular = titular
        } else if let token = request.cookies["sesion"]?.value, !token.isEmpty {
            let almacen = self.almacen
            if let (titular, csrf) = try await segundoPlano({ try almacen.sesion(token: token) }) {
                context.titular = titular
                context.csrf = csrf
                context.porSesion = true
            }
        }
        return context
    }
}

/// Security headers on every response: a CSP without inline script or style, no framing, no
/// sniffing, no referrer.
struct CabecerasSeguridad: RouterMiddleware {
    typealias Context = Contexto

    func handle(_ request: Request, context: Contexto, next: (Request, Contexto) async throws -> Response)
        async throws -> Response
    {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as ErrorPortal {
            response = try error.response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            // The router's own refusals (no such route, wrong method) in Spanish too.
            let mensaje: String
            switch error.status {
            case .notFound: mensaje = "No existe la página «\(request.uri.path)»."
            case .methodNotAllowed: mensaje = "Esa dirección no admite el método \(request.method.rawValue)."
            case .contentTooLarge: mensaje = "La petición es demasiado grande."
            default: mensaje = "La petición no se pudo atender (\(error.status.code))."
            }
            response = try ErrorPortal(error.status, mensaje).response(from: request, context: context)
        } catch {
            response = try ErrorPortal(.internalServerError, "Ocurrió un error interno; inténtelo de nuevo.").response(
                from: request, context: context)
        }
        response.headers[.contentSecurityPolicy] =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.referrerPolicy] = "no-referrer"
        return response
    }
}

extension HTTPField.Name {
    /// A constant header name (valid by construction); `X-Invalido` if it were not.
    init(parseandoConstante nombre: String) {
        self = HTTPField.Name(nombre) ?? HTTPField.Name("X-Invalido") ?? .contentType
    }

    static let informeSha256 = HTTPField.Name(parseandoConstante: "X-Informe-Sha256")
    static let informeEnvio = HTTPField.Name(parseandoConstante: "X-Informe-Envio")
    static let nombreArchivo = HTTPField.Name(parseandoConstante: "X-Nombre-Archivo")
    static let xFrameOptions = HTTPField.Name(parseandoConstante: "X-Frame-Options")
    static let referrerPolicy = HTTPField.Name(parseandoConstante: "Referrer-Policy")
}

/// Runs blocking work (SQLite, reading spreadsheets) off the server's event loops.
func segundoPlano<T: Sendable>(_ trabajo: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuacion in
        DispatchQueue.global().async {
            continuacion.resume(with: Result { try trabajo() })
        }
    }
}
