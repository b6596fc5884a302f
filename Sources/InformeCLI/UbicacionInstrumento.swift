import Foundation
import Metodologia
import Servicios

/// Finds the `Instrumento/` root for the library (which never looks for it itself): from
/// `$INFORME_INSTRUMENTO`, the current folder or any folder above the executable.
enum UbicacionInstrumento {
    static func raiz() -> URL {
        var candidatas: [String] = []
        if let env = getenv("INFORME_INSTRUMENTO") { candidatas.append(String(cString: env)) }
        let actual = FileManager.default.currentDirectoryPath + "/Instrumento"
        candidatas.append(actual)
        // The executable's own folder (Linux names it in /proc; elsewhere, or when /proc is not
        // mounted, the path it was started by).
        let ejecutable = realpath("/proc/self/exe", nil) ?? realpath(CommandLine.arguments.first ?? "", nil)
        var dir = ejecutable.map { String(cString: $0) } ?? ""
        free(ejecutable)
        for _ in 0..<6 {
            guard let barra = dir.lastIndex(of: "/") else { break }
            dir = String(dir[..<barra])
            candidatas.append(dir + "/Instrumento")
        }
        return URL(fileURLWithPath: candidatas.first { !Instrumentos.anios(enRuta: $0).isEmpty } ?? actual)
    }

    /// Every year's methodology under the root found.
    static let instrumentos = Instrumentos(raiz: raiz())

    /// Whether the command reads the year's methodology through ``instrumentos``. (A `switch`, not a
    /// `Set`: making a set's type the first time makes the Swift runtime walk every protocol
    /// conformance of the program, ~0.3 ms of a process that lasts some tens.)
    static func leeMetodologia(_ orden: String) -> Bool {
        switch orden {
        case "validar", "cargar", "construir", "envios", "indicadores", "rastrear", "comparar", "graficas",
            "plantilla", "ejemplo":
            return true
        default:
            return false
        }
    }

    /// Starts reading the newest year's methodology on another core while the command line is parsed
    /// (a few milliseconds of a command that lasts some tens), when `argumentos` (without the program's
    /// name) are a command that ``leeMetodologia(_:)`` given no other year, folder or help request: the
    /// command then finds it read, or waits for the rest of it. A methodology that does not load is not
    /// said here: the command reads it again and reports why. Returns whether it started.
    ///
    /// ```swift
    /// UbicacionInstrumento.adelantar(["validar", "EST09_2017.xlsx"])  // true
    /// ```
    @discardableResult
    static func adelantar(_ argumentos: [String]) -> Bool {
        guard let orden = argumentos.first, leeMetodologia(orden),
            !argumentos.contains(where: {
                $0.hasPrefix("--anio") || $0.hasPrefix("--metodologia") || $0 == "-h" || $0 == "--help"
            })
        else { return false }
        let hilo = Thread { _ = instrumentos.metodologiaOpcional(anio: OpcionesInstrumento.anioPorOmision) }
        hilo.start()
        return true
    }

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
