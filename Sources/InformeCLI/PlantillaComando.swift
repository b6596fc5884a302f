import ArgumentParser
import Foundation
import Plantilla
import Servicios

/// `informe plantilla`: the blank Instrumento de Recolección de Datos, generated from the methodology.
struct PlantillaComando: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plantilla",
        abstract: "Genera el Instrumento de Recolección de Datos (XLSX) a partir de la metodología.",
        discussion: """
            Incluye la hoja Instrucciones (el instructivo de llenado), una hoja por tema con sus encabezados \
            oficiales, listas desplegables de los catálogos y validaciones de números y fechas. Con --instancia \
            solo trae las hojas de esa instancia y la hoja Identificacion ya lleva su clave.
            Ejemplo: informe plantilla --anio 2017 --instancia EST09 --salida Instrumento_2017_EST09.xlsx
            """
    )

    @OptionGroup var instrumento: OpcionesInstrumento

    @Option(help: "Clave de la instancia (por ejemplo SEGOB o EST09).")
    var instancia: String?

    @Option(help: "El archivo .xlsx que se va a escribir.")
    var salida: String

    func run() throws { try ejecutar() }

    private func ejecutar() throws(CommandFailure) {
        let m = try instrumento.cargar()
        if let instancia, m.catalogos["instancias"]?.entrada(instancia) == nil {
            throw CommandFailure(message: "La instancia «\(instancia)» no está en el catálogo de instancias.", code: 2)
        }
        do {
            try GeneradorPlantilla(metodologia: m).documento(instancia: instancia).write(
                to: URL(fileURLWithPath: salida))
        } catch {
            throw CommandFailure(message: "No se pudo escribir «\(salida)»: \(causaEnEspanol(error)).", code: 1)
        }
        print("Se escribió la plantilla \(m.version)\(instancia.map { " de \($0)" } ?? "") en \(salida).")
    }
}
