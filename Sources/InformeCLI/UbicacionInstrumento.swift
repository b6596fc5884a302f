import Foundation
import Metodologia

/// Finds and loads `Instrumento/<año>/`: from `--metodologia`, `$INFORME_INSTRUMENTO`, the current
/// folder or any folder above the executable.
enum UbicacionInstrumento {
    static func carpeta(anio: Int, explicita: String?) -> URL? {
        if let explicita { return URL(fileURLWithPath: explicita) }
        var candidatas: [URL] = []
        if let env = ProcessInfo.processInfo.environment["INFORME_INSTRUMENTO"] {
            candidatas.append(URL(fileURLWithPath: env))
        }
        candidatas.append(
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Instrumento"))
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidatas.append(dir.appendingPathComponent("Instrumento"))
            dir = dir.deletingLastPathComponent()
        }
        for c in candidatas {
            let url = c.appendingPathComponent(String(anio))
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("instrumento.yaml").path) {
                return url
            }
        }
        return nil
    }

    /// Loads the methodology or fails with exit code 2 and every problem listed.
    static func cargar(anio: Int, explicita: String?) throws(CommandFailure) -> Metodologia {
        guard let url = carpeta(anio: anio, explicita: explicita) else {
            throw CommandFailure(
                message: "No se encontró la metodología del año \(anio) (Instrumento/\(anio)/instrumento.yaml). "
                    + "Ejecute el programa desde la carpeta del proyecto o indíquela con --metodologia.",
                code: 2)
        }
        do {
            return try Metodologia.cargar(carpeta: url)
        } catch {
            throw CommandFailure(message: error.description, code: 2)
        }
    }
}
