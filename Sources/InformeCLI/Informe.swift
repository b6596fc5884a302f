import ArgumentParser

/// The `informe` command: the Informe Anual pipeline from the Instrumento's files to the report.
///
/// ```
/// informe volcar Victimas.xlsx --filas 10
/// ```
struct Informe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "informe",
        abstract: "Informe Anual de la Comisión Intersecretarial contra la trata de personas.",
        discussion: """
            Lee los archivos del Instrumento de Recolección de Datos (XLSX o CSV) que envían las \
            instituciones y las entidades federativas.
            Ejemplo: informe validar EST09_2017.xlsx · Ayuda de cada orden: informe <orden> --help
            """,
        version: "0.1.0",
        subcommands: [
            Volcar.self, Validar.self, Ejemplo.self, Cargar.self, Envios.self, IndicadoresComando.self,
            PlantillaComando.self, GraficasComando.self, Construir.self, Rastrear.self, Comparar.self, Servir.self,
            Claves.self, Migrar.self,
        ]
    )
}
