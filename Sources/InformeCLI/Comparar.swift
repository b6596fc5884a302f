import Almacen
import ArgumentParser
import Foundation
import Servicios

/// `informe comparar`: what changed between two versions of an envío, and what it moves.
struct Comparar: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "comparar",
        abstract:
            "Muestra qué cambió entre dos versiones de un envío (filas agregadas, eliminadas y modificadas por hoja) y qué cifras nacionales mueve.",
        discussion: """
            Las filas se emparejan por la llave de cada hoja (los campos únicos de la metodología); una hoja sin \
            llave se compara como un conjunto de filas, sin importar su orden. Por omisión compara las dos últimas \
            versiones aceptadas. Lee solo el almacén.
            Ejemplo: informe comparar --instancia EST09 --anio 2017 --versiones 1 2
            """
    )

    enum Formato: String, ExpressibleByArgument, CaseIterable { case texto, json, html }

    @Option(help: "La clave de la instancia (por ejemplo EST09).")
    var instancia: String

    @OptionGroup var instrumento: OpcionesInstrumento

    @Option(parsing: .upToNextOption, help: "Las dos versiones que se comparan (por ejemplo 1 2).")
    var versiones: [Int] = []

    @Option(name: .customLong("base"), help: ayudaBase)
    var baseIndicada: String?
    /// The store: `--base`, else `INFORME_BASE`, else the sample store.
    var base: String { Almacenes.elegida(baseIndicada) }

    @Option(help: "Formato de salida: texto, json o html.")
    var formato: Formato = .texto

    func validate() throws {
        if !versiones.isEmpty && versiones.count != 2 {
            throw ValidationError("Indique exactamente dos versiones, por ejemplo --versiones 1 2.")
        }
    }

    func run() throws { try ejecutar() }

    private func ejecutar() throws(CommandFailure) {
        let m = try instrumento.cargar()
        let c: Comparacion
        do {
            let almacen = try Almacenes.abrir(base, crear: false)
            c = try Comparador(instrumentos: UbicacionInstrumento.instrumentos, almacen: almacen).comparar(
                instancia: instancia, anio: instrumento.anio,
                versiones: versiones.count == 2 ? (versiones[0], versiones[1]) : nil, metodologia: m)
        } catch {
            throw CommandFailure(error)
        }
        switch formato {
        case .json: print(c.json, terminator: "")
        case .html: print(PaginaComparacion.pagina(c), terminator: "")
        case .texto: print(c.texto, terminator: "")
        }
    }
}
