import ArgumentParser
import Foundation
import Indicadores
import Metodologia
import Servicios

/// `informe indicadores`: every indicator of §6 with its breakdowns, from the vigente versions.
///
/// ```
/// informe indicadores --anio 2017 --formato csv --publicable
/// ```
struct IndicadoresComando: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicadores",
        abstract: "Calcula los indicadores del Programa Nacional con sus desagregaciones, serie y semáforo.",
        discussion: """
            Sin --publicable los valores son exactos (uso interno); con --publicable se aplica el control de \
            divulgación (§7): conteos de 1 a 4 de víctimas por entidad se publican como <5, con supresión \
            secundaria. --salida DIR escribe los datos abiertos en DIR/datos/.
            Ejemplo: informe indicadores --anio 2017 --formato csv --publicable
            """
    )

    enum Formato: String, ExpressibleByArgument, CaseIterable {
        case csv, json, texto
    }

    @OptionGroup var instrumento: OpcionesInstrumento

    @Option(name: .customLong("base"), help: ayudaBase)
    var baseIndicada: String?
    /// The store: `--base`, else `INFORME_BASE`, else the sample store.
    var base: String { Almacenes.elegida(baseIndicada) }

    @Option(help: "Formato de salida: csv, json o texto.")
    var formato: Formato = .texto

    @Flag(help: "Aplica el control de divulgación para publicar.")
    var publicable = false

    @Option(help: "Carpeta donde escribir los datos abiertos (datos/indicadores.csv y datos/diccionario.csv).")
    var salida: String?

    func run() throws { try ejecutar() }

    private func ejecutar() throws(CommandFailure) {
        let m = try instrumento.cargar()
        let resultados: [ResultadoIndicador]
        do {
            let almacen = try Almacenes.abrir(base, crear: false)
            resultados = try IndicadoresDelAlmacen(instrumentos: UbicacionInstrumento.instrumentos, almacen: almacen)
                .calcular(anio: instrumento.anio, metodologia: m, publicable: publicable).resultados
        } catch {
            throw CommandFailure(error)
        }
        switch formato {
        case .csv: print(DatosAbiertos.csv(resultados, k: m.umbralConfidencialidad), terminator: "")
        case .json: print(DatosAbiertos.json(resultados), terminator: "")
        case .texto: print(SalidaIndicadores.texto(resultados, metodologia: m, publicable: publicable), terminator: "")
        }
        if let salida {
            do {
                try DatosAbiertos.escribir(resultados, metodologia: m, en: URL(fileURLWithPath: salida))
            } catch {
                throw CommandFailure(error)
            }
        }
    }
}
