import ArgumentParser
import CairoOutput
import Charts
import Foundation
import Graficas
import Indicadores
import Metodologia
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
        do {
            try FileManager.default.createDirectory(at: carpeta, withIntermediateDirectories: true)
            let almacen = try Almacenes.abrir(base, crear: false)
            let instrumentos = UbicacionInstrumento.instrumentos
            let (resultados, datos) = try IndicadoresDelAlmacen(instrumentos: instrumentos, almacen: almacen).calcular(
                anio: instrumento.anio, metodologia: m, publicable: true)
            let rejilla = GraficasInforme.leerRejilla(instrumentos.raiz.appendingPathComponent("rejilla_entidades.csv"))
            let graficas = GraficasInforme(metodologia: m, rejilla: rejilla).graficas(resultados, datos: datos)
            let medidor = PangoTextMeasurer()
            let layout = ChartLayout(measurer: medidor)
            let renderer = CairoRenderer()
            for g in graficas {
                let frame = layout.layout(g.spec, width: 480, height: 300)
                try renderer.writePNG(frame, to: carpeta.appendingPathComponent(g.archivo + ".png"), scale: 2)
                try renderer.writeSVG(frame, to: carpeta.appendingPathComponent(g.archivo + ".svg"))
            }
            print("Se dibujaron \(graficas.count) gráficas en \(carpeta.path) (PNG y SVG).")
        } catch let error as ErrorServicio {
            throw CommandFailure(error)
        } catch {
            throw CommandFailure(
                message: "No se pudieron escribir las gráficas en «\(carpeta.path)»: \(causaEnEspanol(error)).", code: 1
            )
        }
    }
}
