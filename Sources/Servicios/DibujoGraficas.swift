import Almacen
import CairoOutput
import Charts
import Drawing
import Foundation
import Graficas
import Indicadores
import Metodologia

/// The report's charts as files: which ones (from the year's publishable figures, with the entity grid
/// beside the methodologies), at what size, as PNG (at twice the size, sharp on high-density screens)
/// and SVG. `construir` and `informe graficas` draw them alike.
///
/// ```swift
/// let n = try DibujoGraficas.dibujar(anio: 2017, metodologia: m, instrumentos: i, almacen: a, en: carpeta)
/// ```
public enum DibujoGraficas {
    public static let ancho = 480.0
    public static let alto = 300.0
    public static let escalaPNG = 2.0
    /// The file kinds each chart is written as.
    public static let formatos = ["png", "svg"]

    /// The charts of these figures.
    public static func graficas(
        _ resultados: [ResultadoIndicador], datos: DatosAnio, metodologia m: Metodologia, instrumentos: Instrumentos
    ) -> [GraficasInforme.Grafica] {
        let rejilla = GraficasInforme.leerRejilla(instrumentos.raiz.appendingPathComponent("rejilla_entidades.csv"))
        return GraficasInforme(metodologia: m, rejilla: rejilla).graficas(resultados, datos: datos)
    }

    /// A chart's page: its description laid out with `medidor`'s text widths.
    public static func marco(_ spec: ChartSpec, medidor: PangoTextMeasurer) -> Frame {
        ChartLayout(measurer: medidor).layout(spec, width: ancho, height: alto)
    }

    /// Writes `frame` as `formato` (`png` or `svg`) to `archivo`; a failure says which file and why.
    public static func escribir(_ frame: Frame, formato: String, en archivo: URL, con renderer: CairoRenderer)
        throws(ErrorServicio)
    {
        do {
            if formato == "png" {
                try renderer.writePNG(frame, to: archivo, scale: escalaPNG)
            } else {
                try renderer.writeSVG(frame, to: archivo)
            }
        } catch {
            throw .escritura(ruta: archivo.path, causa: causaEnEspanol(error))
        }
    }

    /// Every chart of `anio` from the vigente envíos in the store, into `carpeta`; how many charts.
    public static func dibujar(
        anio: Int, metodologia m: Metodologia, instrumentos: Instrumentos, almacen: any Almacen, en carpeta: URL
    ) throws(ErrorServicio) -> Int {
        if let problema = DrawingLibraries.problem { throw .bibliotecasDeDibujo(problema) }
        try EscrituraAtomica.crearCarpeta(carpeta)
        let (resultados, datos) = try IndicadoresDelAlmacen(instrumentos: instrumentos, almacen: almacen).calcular(
            anio: anio, metodologia: m, publicable: true)
        let lista = graficas(resultados, datos: datos, metodologia: m, instrumentos: instrumentos)
        let medidor = PangoTextMeasurer()
        let renderer = CairoRenderer()
        for g in lista {
            let frame = marco(g.spec, medidor: medidor)
            for formato in formatos {
                try escribir(
                    frame, formato: formato, en: carpeta.appendingPathComponent(g.archivo + "." + formato),
                    con: renderer)
            }
        }
        return lista.count
    }
}
