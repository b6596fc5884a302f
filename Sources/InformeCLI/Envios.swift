import Almacen
import ArgumentParser
import Foundation
import Metodologia

/// `informe envios`: who delivered, which version is vigente, and the errors of each version.
struct Envios: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Muestra, por instancia del catálogo, si entregó, su versión vigente y los hallazgos de cada versión."
    )

    @OptionGroup var instrumento: OpcionesInstrumento

    @Option(help: "El archivo del almacén SQLite.")
    var base: String = "Salidas/informe.sqlite"

    func run() throws { try ejecutar() }

    private func ejecutar() throws(CommandFailure) {
        let m = try instrumento.cargar()
        let almacen = try DatosDelAlmacen.abrirExistente(base)
        let registros: [RegistroEnvio]
        do {
            registros = try almacen.envios(anio: instrumento.anio)
        } catch {
            throw CommandFailure(message: "\(error)", code: 1)
        }
        let instancias = m.catalogos["instancias"]?.entradas ?? []
        var out = "Entrega del instrumento \(m.version) (año \(instrumento.anio))\n\n"
        out += "Instancia   Entregó  Vigente  Versiones (estado, errores/advertencias, fecha)\n"
        var entregaron = 0
        for e in instancias {
            let propios = registros.filter { $0.instancia == e.clave }
            let vigente = propios.last { $0.estado == .aceptado }
            if vigente != nil { entregaron += 1 }
            let versiones = propios.map { r in
                "v\(r.version ?? 0) \(r.estado.rawValue) \(r.errores)/\(r.advertencias) \(r.cargadoEn.prefix(10))"
            }.joined(separator: "; ")
            out += e.clave.padding(toLength: 12, withPad: " ", startingAt: 0)
            out += (vigente != nil ? "sí" : "no").padding(toLength: 9, withPad: " ", startingAt: 0)
            out += (vigente?.version.map { "v\($0)" } ?? "—").padding(toLength: 9, withPad: " ", startingAt: 0)
            out += (versiones.isEmpty ? "sin envíos" : versiones) + "\n"
        }
        let sinInstancia = registros.filter { $0.instancia == nil }
        for r in sinInstancia { out += "(sin instancia) \(r.archivo): rechazado, \(r.errores) errores\n" }
        out += "\n\(entregaron) de \(instancias.count) instancias tienen versión vigente.\n"
        print(out, terminator: "")
    }
}
