import Foundation
import Metodologia
import Servicios

/// Finds the `Instrumento/` root for the library (which never looks for it itself): from
/// `$INFORME_INSTRUMENTO`, the current folder or any folder above the executable.
enum UbicacionInstrumento {
    static func raiz() -> URL {
        var candidatas: [URL] = []
        if let env = ProcessInfo.processInfo.environment["INFORME_INSTRUMENTO"] {
            candidatas.append(URL(fileURLWithPath: env))
        }
        let actual = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(
            "Instrumento")
        candidatas.append(actual)
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidatas.append(dir.appendingPathComponent("Instrumento"))
            dir = dir.deletingLastPathComponent()
        }
        return candidatas.first { !Instrumentos(raiz: $0).anios.isEmpty } ?? actual
    }

    /// Every year's methodology under the root found.
    static let instrumentos = Instrumentos(raiz: raiz())

    /// Loads the year's methodology (or the one of `explicita`) or fails with exit code 2.
    static func cargar(anio: Int, explicita: String?) throws(CommandFailure) -> Metodologia {
        do {
            if let explicita { return try Instrumentos.cargar(URL(fileURLWithPath: explicita)) }
            return try instrumentos.metodologia(anio: anio)
        } catch {
            throw CommandFailure(error)
        }
    }
}
