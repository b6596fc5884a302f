import Almacen
import ArgumentParser
import Foundation
import Servicios

/// `informe claves`: access keys of the portal (only their hashes are stored).
struct Claves: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claves",
        abstract: "Crea, revoca y lista las claves de acceso al portal.",
        discussion: "Ejemplo: informe claves crear --instancia EST09 --base Salidas/informe.sqlite",
        subcommands: [Crear.self, Revocar.self, Lista.self]
    )

    struct Crear: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "crear",
            abstract: "Crea una clave y la muestra una sola vez (el almacén guarda solo su huella SHA-256).",
            discussion: "Ejemplos: informe claves crear --instancia EST09 · informe claves crear --grupo-tecnico")

        @Option(help: "Clave de la instancia del catálogo (por ejemplo EST09).")
        var instancia: String?

        @Flag(help: "La clave es del Grupo Técnico (ve todos los envíos y construye el informe).")
        var grupoTecnico = false

        @OptionGroup var opciones: OpcionesInstrumento

        @Option(name: .customLong("base"), help: ayudaBase)
        var baseIndicada: String?
        /// The store: `--base`, else `INFORME_BASE`, else the sample store.
        var base: String { Almacenes.elegida(baseIndicada) }

        func validate() throws {
            if (instancia == nil) == !grupoTecnico {
                throw ValidationError("Indique --instancia CLAVE o --grupo-tecnico (uno de los dos).")
            }
        }

        func run() throws {
            let m = try opciones.cargar()
            do {
                let almacen = try Almacenes.abrir(base, crear: true)
                let (id, clave) = try ClavesDeAcceso.crear(instancia: instancia, metodologia: m, en: almacen)
                print("Clave \(id) para \(instancia ?? "el Grupo Técnico") (guárdela ahora: no se vuelve a mostrar):")
                print(clave)
            } catch {
                throw CommandFailure(error)
            }
        }
    }

    struct Revocar: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revocar",
            abstract: "Revoca una clave por su número (véalo con «informe claves lista»).",
            discussion: "Ejemplo: informe claves revocar 3")

        @Argument(help: "El número de la clave.")
        var id: Int64

        @Option(name: .customLong("base"), help: ayudaBase)
        var baseIndicada: String?
        /// The store: `--base`, else `INFORME_BASE`, else the sample store.
        var base: String { Almacenes.elegida(baseIndicada) }

        func run() throws {
            let revocada: Bool
            do {
                revocada = try ClavesDeAcceso.revocar(id, en: try Almacenes.abrir(base, crear: false))
            } catch {
                throw CommandFailure(error)
            }
            guard revocada else {
                throw CommandFailure(message: "No hay una clave activa con el número \(id).", code: 1)
            }
            print("Clave \(id) revocada; sus sesiones se cerraron.")
        }
    }

    struct Lista: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lista",
            abstract: "Lista las claves: número, titular, creación y revocación (nunca la clave misma).",
            discussion: "Ejemplo: informe claves lista --base Salidas/informe.sqlite")

        @Option(name: .customLong("base"), help: ayudaBase)
        var baseIndicada: String?
        /// The store: `--base`, else `INFORME_BASE`, else the sample store.
        var base: String { Almacenes.elegida(baseIndicada) }

        func run() throws {
            let claves: [RegistroClave]
            do {
                claves = try ClavesDeAcceso.lista(en: try Almacenes.abrir(base, crear: false))
            } catch {
                throw CommandFailure(error)
            }
            if claves.isEmpty { print("No hay claves; cree una con «informe claves crear».") }
            for c in claves {
                let titular = c.grupoTecnico ? "Grupo Técnico" : (c.instancia ?? "—")
                print("\(c.id)\t\(titular)\tcreada \(c.creadaEn)\t\(c.revocadaEn.map { "revocada \($0)" } ?? "activa")")
            }
        }
    }
}
