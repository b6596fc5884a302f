import Almacen
import Hummingbird

/// The request context of the portal: who is asking (from a Bearer key or a session cookie) and,
/// for sessions, the CSRF token their forms must carry.
public struct Contexto: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The key holder, when the request was authenticated.
    public var titular: Titular?
    /// The session's CSRF token (pages only; API requests with a Bearer key need none).
    public var csrf: String?
    /// True when the holder came from the session cookie (forms must then carry the CSRF token).
    public var porSesion = false

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    /// Uploads are bounded by ``Configuracion/limiteSubida`` when read; this bounds anything decoded.
    public var maxUploadSize: Int { 64 << 10 }
}
