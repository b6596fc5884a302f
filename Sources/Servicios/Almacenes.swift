import Almacen
import AlmacenPostgres
import Foundation

/// Opens the store the way every use-case needs it, with Spanish errors that name it: a SQLite file
/// (the embedded default) or, with a `postgres://` URL, a shared PostgreSQL database.
///
/// ```swift
/// let local = try Almacenes.abrir("Salidas/informe.sqlite", crear: true)
/// let compartido = try Almacenes.abrir("postgres://informe@127.0.0.1:5432/informe", crear: true)
/// ```
public enum Almacenes {
    /// The store named by `--base` when given, else by `INFORME_BASE`, else `porOmision`.
    public static func elegida(_ base: String?, porOmision: String = "Salidas/informe.sqlite") -> String {
        if let base, !base.isEmpty { return base }
        if let env = ProcessInfo.processInfo.environment["INFORME_BASE"], !env.isEmpty { return env }
        return porOmision
    }

    /// Opens `base`; with `crear`, a missing SQLite file (and its folder) is created, otherwise it must
    /// exist. A PostgreSQL database must exist (its tables are created on first use).
    public static func abrir(_ base: String, crear: Bool) throws(ErrorServicio) -> any Almacen {
        try abrirSQL(base, crear: crear)
    }

    /// `abrir`, as the SQL store itself (what a migration copies between).
    public static func abrirSQL(_ base: String, crear: Bool) throws(ErrorServicio) -> AlmacenSQL {
        if MotorPostgres.esURL(base) {
            do {
                return try AlmacenSQL(motor: MotorPostgres(url: base))
            } catch {
                throw .almacen(error)
            }
        }
        let existe = FileManager.default.fileExists(atPath: base)
        if !existe && !crear { throw .almacenInexistente(base) }
        if !existe {
            try EscrituraAtomica.crearCarpeta(URL(fileURLWithPath: base).deletingLastPathComponent())
        }
        do {
            return try AlmacenSQL(ruta: base)
        } catch {
            throw .almacen(error)
        }
    }

    /// Where a command writes next to its store: beside a SQLite file, or `Salidas/` for a server.
    public static func carpetaVecina(_ base: String) -> URL {
        MotorPostgres.esURL(base)
            ? URL(fileURLWithPath: "Salidas") : URL(fileURLWithPath: base).deletingLastPathComponent()
    }

    /// Copies the whole store `desde` into the empty store `hacia` (usually SQLite into PostgreSQL), then
    /// checks that every year's envíos arrived.
    ///
    /// ```swift
    /// let r = try Almacenes.migrar(desde: "Salidas/informe.sqlite", hacia: "postgres://informe@db/informe")
    /// ```
    public static func migrar(desde: String, hacia: String) throws(ErrorServicio) -> ResumenCopia {
        if desde == hacia {
            throw .consultaInvalida(
                "El origen y el destino de la migración son el mismo almacén; indique otro con --hacia.")
        }
        let origen = try abrirSQL(desde, crear: false)
        let destino = try abrirSQL(hacia, crear: true)
        do {
            return try origen.copiar(a: destino)
        } catch {
            throw .almacen(error)
        }
    }

    /// A store as messages may show it: a PostgreSQL URL without its password.
    public static func sinClave(_ base: String) -> String {
        guard MotorPostgres.esURL(base) else { return base }
        return (try? MotorPostgres(url: base, entorno: [:]))?.descripcion ?? MotorPostgres.sinClave(base)
    }
}
