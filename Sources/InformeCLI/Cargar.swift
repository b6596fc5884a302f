import Almacen
import ArgumentParser
import Foundation
import Servicios

#if canImport(Glibc)
    import Glibc
#endif

/// `informe cargar`: validates envíos and loads the accepted ones into the store.
///
/// ```
/// informe cargar Salidas/ejemplo/2017/*_2017* --base Salidas/informe.sqlite
/// ```
struct Cargar: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cargar",
        abstract: "Valida y carga envíos en el almacén (cada carga es una versión nueva; nada se borra).",
        discussion: """
            Un envío con errores queda registrado como rechazado, con sus hallazgos, y no cambia las cifras. \
            Cargar de nuevo el mismo archivo no cambia nada. Sale con 0 si todos se aceptaron, 1 si alguno se \
            rechazó y 2 ante un problema de uso.
            Ejemplo: informe cargar entregas/2017 --anio 2017 --base Salidas/informe.sqlite
            """
    )

    @Argument(help: "Los envíos: archivos .xlsx, archivos .csv o carpetas con un CSV por hoja.")
    var envios: [String]

    @OptionGroup var instrumento: OpcionesInstrumento

    @Option(name: .customLong("base"), help: ayudaBase)
    var baseIndicada: String?
    /// The store: `--base`, else `INFORME_BASE`, else the sample store.
    var base: String { Almacenes.elegida(baseIndicada) }

    func validate() throws {
        for e in envios where !FileManager.default.fileExists(atPath: e) {
            throw ValidationError("No existe el envío «\(e)».")
        }
    }

    func run() throws { try ejecutar() }

    private func ejecutar() throws(CommandFailure) {
        let m = try instrumento.cargar()
        let almacen: any Almacen
        do {
            almacen = try Almacenes.abrir(base, crear: true)
        } catch {
            throw CommandFailure(error)
        }
        let cargador = Cargador(instrumentos: UbicacionInstrumento.instrumentos, almacen: almacen)
        let rutas: [URL]
        do {
            rutas = try EnviosEnCarpeta.expandir(envios.map { URL(fileURLWithPath: $0) })
        } catch {
            throw CommandFailure(error)
        }
        let terminal = isatty(2) != 0 && rutas.count > 1
        var (aceptados, rechazados, ilegibles) = (0, 0, 0)
        _ = cargador.cargar(rutas, metodologia: m) { hechos, total, hecho in
            let archivo = hecho.resultado.archivo
            let linea: String
            switch hecho.desenlace {
            case .aceptado(let version, let advertencias):
                aceptados += 1
                linea =
                    "\(archivo): aceptado como versión \(version) con \(advertencias) \(advertencias == 1 ? "advertencia" : "advertencias")."
            case .ilegible(let motivo):
                ilegibles += 1
                linea = "\(archivo): ilegible; \(motivo)"
            case .fallo(let motivo):
                ilegibles += 1
                linea = "\(archivo): \(motivo)"
            case .rechazado(let errores):
                rechazados += 1
                linea =
                    "\(archivo): rechazado con \(errores) \(errores == 1 ? "error" : "errores"); véalos con «informe validar --anio \(m.anio) \(hecho.ruta.relativePath)»."
            case .yaCargado(let previo):
                if hecho.aceptado { aceptados += 1 } else { rechazados += 1 }
                linea =
                    "\(archivo): ya estaba cargado (\(previo.estado.rawValue)\(previo.version.map { ", versión \($0)" } ?? "")); sin cambios."
            }
            if terminal { writeError("\r\u{1B}[K", nuevaLinea: false) }
            print(linea)
            if terminal {
                let ancho = 30
                let lleno = ancho * hechos / total
                writeError(
                    "[" + String(repeating: "#", count: lleno) + String(repeating: " ", count: ancho - lleno)
                        + "] \(hechos)/\(total)",
                    nuevaLinea: false)
            }
        }
        if terminal { writeError("") }
        func plural(_ n: Int, _ uno: String, _ varios: String) -> String { "\(n) \(n == 1 ? uno : varios)" }
        print(
            "Total: \(plural(aceptados, "aceptado", "aceptados")), \(plural(rechazados, "rechazado", "rechazados")), "
                + "\(plural(ilegibles, "ilegible", "ilegibles")).")
        if rechazados + ilegibles > 0 { throw CommandFailure(message: "", code: 1) }
    }
}
