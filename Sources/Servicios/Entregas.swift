import Almacen
import Metodologia

/// One instancia of the catalog on the delivery board.
public struct EntregaInstancia: Sendable {
    public var clave: String
    public var nombre: String
    /// Every load of the year, oldest first.
    public var versiones: [RegistroEnvio]
    /// The last accepted version, if any.
    public var vigente: RegistroEnvio? { versiones.last { $0.estado == .aceptado } }
}

/// Who delivered the year's instrument: every instancia of the catalog, its versions and the
/// vigente one, and the loads whose instancia could not be told.
///
/// ```swift
/// let tablero = try TableroEntregas(anio: 2017, metodologia: m, almacen: almacen)
/// print("\(tablero.entregaron) de \(tablero.instancias.count)")
/// ```
public struct TableroEntregas: Sendable {
    public var anio: Int
    public var version: String
    public var instancias: [EntregaInstancia]
    public var sinInstancia: [RegistroEnvio]

    public var entregaron: Int { instancias.filter { $0.vigente != nil }.count }

    public init(anio: Int, metodologia m: Metodologia, almacen: any Almacen) throws(ErrorServicio) {
        let registros: [RegistroEnvio]
        do {
            registros = try almacen.envios(anio: anio)
        } catch {
            throw .almacen(error)
        }
        var porInstancia: [String: [RegistroEnvio]] = [:]
        for r in registros { if let i = r.instancia { porInstancia[i, default: []].append(r) } }
        self.anio = anio
        version = m.version
        instancias = (m.catalogos["instancias"]?.entradas ?? []).map { e in
            EntregaInstancia(clave: e.clave, nombre: e.etiqueta, versiones: porInstancia[e.clave] ?? [])
        }
        sinInstancia = registros.filter { $0.instancia == nil }
    }
}
