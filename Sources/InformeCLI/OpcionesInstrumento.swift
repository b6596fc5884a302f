import ArgumentParser
import Metodologia

/// The options every command that reads a year's methodology shares: `--anio` and `--metodologia`.
///
/// ```swift
/// struct Envios: ParsableCommand {
///     @OptionGroup var instrumento: OpcionesInstrumento
///     func run() throws { let m = try instrumento.cargar() }
/// }
/// ```
struct OpcionesInstrumento: ParsableArguments {
    /// The year the commands work on when `--anio` is not given: the newest in `Instrumento/`.
    /// (Found once: the command line's parser makes the command several times.)
    static let anioPorOmision: Int = UbicacionInstrumento.instrumentos.anios.last ?? 2017

    @Option(help: "El año del instrumento.")
    var anio: Int = OpcionesInstrumento.anioPorOmision

    @Option(help: "Carpeta de la metodología (por omisión Instrumento/<año>).")
    var metodologia: String?

    /// The year's methodology, or a usage failure (exit code 2) that lists every problem.
    func cargar() throws(CommandFailure) -> Metodologia {
        try UbicacionInstrumento.cargar(anio: anio, explicita: metodologia)
    }
}

/// The help of every `--base` option.
let ayudaBase = ArgumentHelp(
    "El almacén: un archivo SQLite (por omisión Salidas/informe.sqlite) o una base PostgreSQL "
        + "(postgres://usuario@anfitrion:5432/base, con la contraseña en PGPASSWORD); también la variable INFORME_BASE.",
    valueName: "ruta|url")
