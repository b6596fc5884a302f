import ArgumentParser
import Foundation
import Servicios

/// `informe envios`: who delivered, which version is vigente, and the errors of each version.
struct Envios: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "envios",
        abstract:
            "Muestra, por instancia del catálogo, si entregó, su versión vigente y los hallazgos de cada versión.",
        discussion: "Ejemplo: informe envios --anio 2017 --base Salidas/informe.sqlite")

    @OptionGroup var instrumento: OpcionesInstrumento

    @Option(name: .customLong("base"), help: ayudaBase)
    var baseIndicada: String?
    /// The store: `--base`, else `INFORME_BASE`, else the sample store.
    var base: String { Almacenes.elegida(baseIndicada) }

    func run() throws { try ejecutar() }

    private func ejecutar() throws(CommandFailure) {
        let m = try instrumento.cargar()
        let tablero: TableroEntregas
        do {
            tablero = try TableroEntregas(
                anio: instrumento.anio, metodologia: m, almacen: Almacenes.abrir(base, crear: false))
        } catch {
            throw CommandFailure(error)
        }
        var out = "Entrega del instrumento \(tablero.version) (año \(tablero.anio))\n\n"
        out += "Instancia   Entregó  Vigente  Versiones (estado, errores/advertencias, fecha)\n"
        for e in tablero.instancias {
            let versiones = e.versiones.map { r in
                "v\(r.version ?? 0) \(r.estado.rawValue) \(r.errores)/\(r.advertencias) \(r.cargadoEn.prefix(10))"
            }.joined(separator: "; ")
            out += e.clave.padding(toLength: 12, withPad: " ", startingAt: 0)
            out += (e.vigente != nil ? "sí" : "no").padding(toLength: 9, withPad: " ", startingAt: 0)
            out += (e.vigente?.version.map { "v\($0)" } ?? "—").padding(toLength: 9, withPad: " ", startingAt: 0)
            out += (versiones.isEmpty ? "sin envíos" : versiones) + "\n"
        }
        for r in tablero.sinInstancia {
            out += "(sin instancia) \(r.archivo): rechazado, \(r.errores) \(r.errores == 1 ? "error" : "errores")\n"
        }
        let n = tablero.instancias.count
        out += "\n\(tablero.entregaron) de \(n) \(n == 1 ? "instancia tiene" : "instancias tienen") versión vigente.\n"
        print(out, terminator: "")
    }
}
