import ArgumentParser
import DatosEjemplo
import Foundation
import Servicios

/// `informe ejemplo`: writes deterministic synthetic envíos.
struct Ejemplo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ejemplo",
        abstract: "Escribe envíos sintéticos de ejemplo para las 53 instancias (y copias con errores).",
        discussion:
            "Los mismos argumentos dan los mismos archivos. Sirven para pruebas, mediciones y el informe de ejemplo.\nEjemplo: informe ejemplo --anio 2017 --salida Salidas/ejemplo/2017"
    )

    @OptionGroup var instrumento: OpcionesInstrumento

    @Option(help: "Carpeta donde escribir los envíos.")
    var salida: String

    @Option(help: "Semilla del generador.")
    var semilla: UInt64 = 2017

    func run() throws {
        try ejecutar()
    }

    private func ejecutar() throws(CommandFailure) {
        let m = try instrumento.cargar()
        do {
            let rutas = try GeneradorEjemplo(metodologia: m, semilla: semilla).escribir(
                en: URL(fileURLWithPath: salida))
            print("Se escribieron \(rutas.count) envíos de ejemplo del año \(instrumento.anio) en \(salida).")
        } catch {
            throw CommandFailure(message: "No se pudo escribir en «\(salida)»: \(causaEnEspanol(error)).", code: 1)
        }
    }
}
