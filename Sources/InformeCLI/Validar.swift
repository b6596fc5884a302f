import ArgumentParser
import Foundation
import Metodologia
import Servicios
import Validacion

#if canImport(Glibc)
    import Glibc
#endif

/// `informe validar`: checks envíos against the year's methodology.
///
/// ```
/// informe validar SEGOB_2017.xlsx EST09_2017/ --formato json
/// ```
struct Validar: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validar",
        abstract: "Valida envíos (XLSX, CSV o carpetas de CSV) contra la metodología del año.",
        discussion: """
            Cada hallazgo dice la hoja, la celda, el valor encontrado, qué está mal y cómo corregirlo.
            Sale con 0 si ningún envío tiene errores, 1 si alguno tiene y 2 ante un problema de uso o de \
            la metodología.
            Ejemplo: informe validar EST09_2017.xlsx --reporte revision/
            """
    )

    enum Formato: String, ExpressibleByArgument, CaseIterable {
        case texto, json
    }

    @Argument(help: "Los envíos: archivos .xlsx, archivos .csv o carpetas con un CSV por hoja.")
    var envios: [String]

    @OptionGroup var instrumento: OpcionesInstrumento

    @Option(help: "Formato de salida: texto o json.")
    var formato: Formato = .texto

    @Option(help: "Carpeta donde escribir, por envío, un reporte HTML y una copia revisada (<envío>-revisado.xlsx).")
    var reporte: String?

    func validate() throws {
        for e in envios where !FileManager.default.fileExists(atPath: e) {
            throw ValidationError("No existe el envío «\(e)».")
        }
    }

    func run() throws {
        try ejecutar()
    }

    private func ejecutar() throws(CommandFailure) {
        // The envíos, the first already being read while the year's methodology finishes loading.
        let encontrados = Result { () throws(ErrorServicio) in
            try EnviosEnCarpeta.expandir(envios.map { URL(fileURLWithPath: $0) }).enumerated().map { i, ruta in
                i == 0 ? Envio(ruta: ruta).adelantado() : Envio(ruta: ruta)
            }
        }
        let m = try instrumento.cargar()
        let revisor = Revisor(metodologia: m)
        let enviosLeidos: [Envio]
        do {
            enviosLeidos = try encontrados.get()
        } catch {
            throw CommandFailure(error)
        }
        let resultados: [ResultadoValidacion]
        if let reporte {
            do {
                resultados = try revisor.revisar(enviosLeidos, escribiendoEn: URL(fileURLWithPath: reporte))
            } catch {
                throw CommandFailure(error)
            }
        } else {
            resultados = revisor.validar(enviosLeidos)
        }
        let out = OutputBuffer()
        escribir(resultados, m, out)
        out.flush()
        if resultados.contains(where: { $0.errores > 0 }) { throw CommandFailure(message: "", code: 1) }
    }

    private func escribir(_ resultados: [ResultadoValidacion], _ m: Metodologia, _ out: OutputBuffer) {
        switch formato {
        case .json: out.write(ValidacionJSON.documento(resultados, version: m.version))
        case .texto: out.write(SalidaValidacion.texto(resultados, color: isatty(1) != 0))
        }
    }
}
