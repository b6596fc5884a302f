import Almacen
import ArgumentParser
import Foundation
import Indicadores
import Servicios

/// `informe rastrear`: which envíos and rows are behind a published value.
struct Rastrear: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rastrear",
        abstract:
            "Muestra de qué envíos y filas sale una cifra publicada: cada instancia con su versión, SHA-256, archivo, hoja, filas y su parte del numerador y del denominador.",
        discussion: """
            Lee solo el almacén. Las partes de los envíos suman exactamente el numerador de la cifra.
            Ejemplos: informe rastrear A1 --anio 2017 · informe rastrear A1 --desagregacion sexo --categoria mujer --formato json
            """
    )

    enum Formato: String, ExpressibleByArgument, CaseIterable { case texto, json, csv }

    @Argument(help: "La clave del indicador (por ejemplo A1).")
    var indicador: String

    @OptionGroup var instrumento: OpcionesInstrumento

    @Option(help: "La desagregación (por ejemplo sexo o entidad).")
    var desagregacion: String?

    @Option(help: "La categoría de la desagregación (su clave de catálogo, por ejemplo mujer o 09).")
    var categoria: String?

    @Option(name: .customLong("base"), help: ayudaBase)
    var baseIndicada: String?
    /// The store: `--base`, else `INFORME_BASE`, else the sample store.
    var base: String { Almacenes.elegida(baseIndicada) }

    @Option(help: "Formato de salida: texto, json o csv.")
    var formato: Formato = .texto

    func run() throws { try ejecutar() }

    private func ejecutar() throws(CommandFailure) {
        let m = try instrumento.cargar()
        let r: Rastreo.Resultado
        do {
            let almacen = try Almacenes.abrir(base, crear: false)
            r = try Rastreo(instrumentos: UbicacionInstrumento.instrumentos, almacen: almacen).rastrear(
                indicador, anio: instrumento.anio, desagregacion: desagregacion, categoria: categoria, metodologia: m)
        } catch {
            throw CommandFailure(error)
        }
        switch formato {
        case .json: print(r.json, terminator: "")
        case .csv: print(Rastreo.Resultado.encabezadoCSV + r.csv, terminator: "")
        case .texto:
            print(r.texto(porcentaje: m.indicadores.first { $0.clave == indicador }?.esPorcentaje ?? false))
        }
    }
}
