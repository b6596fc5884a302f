import Almacen
import Metodologia

/// The portal's access keys as the Grupo Técnico manages them: created for an instancia of the
/// year's catalog or for the Grupo Técnico, revoked by number, listed (never the key itself, which is
/// stored hashed and shown once, when it is created). Store problems come back as ``ErrorServicio``.
///
/// ```swift
/// let (id, clave) = try ClavesDeAcceso.crear(instancia: "EST09", metodologia: m, en: almacen)
/// ```
public enum ClavesDeAcceso {
    /// A new key for `instancia` (a clave of the `instancias` catalog), or for the Grupo Técnico when
    /// `instancia` is nil.
    public static func crear(instancia: String?, metodologia m: Metodologia, en almacen: any Almacen)
        throws(ErrorServicio) -> (id: Int64, clave: String)
    {
        if let instancia, m.catalogos["instancias"]?.entrada(instancia) == nil {
            throw .instanciaDesconocida(instancia)
        }
        do {
            return try almacen.crearClave(instancia: instancia, grupoTecnico: instancia == nil)
        } catch {
            throw .almacen(error)
        }
    }

    /// Revokes the key numbered `id` (its sessions end); false when no active key has that number.
    public static func revocar(_ id: Int64, en almacen: any Almacen) throws(ErrorServicio) -> Bool {
        do {
            return try almacen.revocarClave(id: id)
        } catch {
            throw .almacen(error)
        }
    }

    /// Every key: number, holder, creation and revocation.
    public static func lista(en almacen: any Almacen) throws(ErrorServicio) -> [RegistroClave] {
        do {
            return try almacen.claves()
        } catch {
            throw .almacen(error)
        }
    }
}
