import ArgumentParser
import Foundation
import Servicios

/// `informe graficas`: every chart of the report, as PNG and SVG.
struct GraficasComando: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graficas",
        abstract: "Dibuja las gráficas del informe (PNG y SVG) con las cifras publicables del año.",
        discussion: "Ejemplo: informe graficas --anio 2017 --salida Salidas/2017/graficas")

    @OptionGroup var instrumento: OpcionesInstrumento

    @Option(name: .customLong("base"), help: ayudaBase)
    var baseIndicada: String?
    /// The store: `--base`, else `INFORME_BASE`, else the sample store.
    var base: String { Almacenes.elegida(baseIndicada) }

    @Option(help: "Carpeta de salida (por omisión Salidas/<año>/graficas).")
    var salida: String?

    func run() throws { try ejecutar() }

    private func ejecutar() throws(CommandFailure) {
        let m = try instrumento.cargar()
        let carpeta = URL(fileURLWithPath: salida ?? "Salidas/\(instrumento.anio)/graficas")
        do throws(ErrorServicio) {
            let almacen = try Almacenes.abrir(base, crear: false)
            let n = try DibujoGraficas.dibujar(
                anio: instrumento.anio, metodologia: m, instrumentos: UbicacionInstrumento.instrumentos,
                almacen: almacen, en: carpeta)
            print("Se dibujaron \(n) gráficas en \(carpeta.path) (PNG y SVG).")
        } catch {
            throw CommandFailure(error)
        }
    }
}
