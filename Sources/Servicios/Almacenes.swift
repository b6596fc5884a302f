import Almacen
import Foundation

/// Opens the store the way every use-case needs it, with Spanish errors that name the path.
///
/// ```swift
/// let almacen = try Almacenes.abrir("Salidas/informe.sqlite", crear: true)
/// ```
public enum Almacenes {
    /// Opens `ruta`; with `crear`, creates it (and its folder) when missing, otherwise it must exist.
    public static func abrir(_ ruta: String, crear: Bool) throws(ErrorServicio) -> Almacen {
        let existe = FileManager.default.fileExists(atPath: ruta)
        if !existe && !crear { throw .almacenInexistente(ruta) }
        if !existe {
            try EscrituraAtomica.crearCarpeta(URL(fileURLWithPath: ruta).deletingLastPathComponent())
        }
        do {
            return try Almacen(ruta: ruta)
        } catch {
            throw .almacen(error)
        }
    }
}
