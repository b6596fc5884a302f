import ArgumentParser
import Foundation
import Metodologia
import Plantilla
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
        abstract: "Valida envíos (XLSX, CSV o carpetas de CSV) contra la metodología del año.",
        discussion: """
            Cada hallazgo dice la hoja, la celda, el valor encontrado, qué está mal y cómo corregirlo.
            Sale con 0 si ningún envío tiene errores, 1 si alguno tiene y 2 ante un problema de uso o de \
            la metodología.
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
        let m = try instrumento.cargar()
        let validador = Validador(metodologia: m)
        let enviosLeidos = envios.map { Envio(ruta: URL(fileURLWithPath: $0)) }
        let resultados = enviosLeidos.map { validador.validar($0) }
        let out = OutputBuffer()
        switch formato {
        case .json: out.write(SalidaValidacion.json(resultados, version: m.version))
        case .texto: out.write(SalidaValidacion.texto(resultados, color: isatty(1) != 0))
        }
        out.flush()
        if let reporte {
            do {
                let carpeta = URL(fileURLWithPath: reporte)
                try ReporteHTML.escribir(resultados, en: carpeta, metodologia: m)
                for (envio, resultado) in zip(enviosLeidos, resultados) {
                    // A file that cannot be read has no copy; its HTML page says why.
                    guard let copia = try? CopiaRevisada.documento(envio: envio, resultado: resultado) else { continue }
                    let nombre = (resultado.archivo as NSString).deletingPathExtension + "-revisado.xlsx"
                    try copia.write(to: carpeta.appendingPathComponent(nombre))
                }
            } catch {
                throw CommandFailure(
                    message: "No se pudo escribir el reporte en «\(reporte)»: \(error.localizedDescription)", code: 2)
            }
        }
        if resultados.contains(where: { $0.errores > 0 }) { throw CommandFailure(message: "", code: 1) }
    }
}
