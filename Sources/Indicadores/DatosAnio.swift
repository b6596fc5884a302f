import Metodologia

/// The vigente version of one instancia's envío, with its typed rows per sheet.
public struct EnvioVigente: Sendable {
    public var instancia: String
    public var version: Int
    public var filas: [String: [[String: Valor]]]
    /// The spreadsheet row number of each row of ``filas`` (as the institution sees it in its file),
    /// per sheet; empty when unknown.
    public var numerosDeFila: [String: [Int]] = [:]
    /// Whether this instancia's version 1 of the year was accepted (per-envío lineage of the
    /// delivery indicators).
    public var versionUnoAceptada = false

    public init(instancia: String, version: Int, filas: [String: [[String: Valor]]]) {
        self.instancia = instancia
        self.version = version
        self.filas = filas
    }
}

/// Everything the indicators of one year are computed from.
public struct DatosAnio: Sendable {
    public var anio: Int
    public var envios: [EnvioVigente]
    public var instanciasCatalogo: Int
    public var aceptadasEnVersion1: Int

    public init(anio: Int, envios: [EnvioVigente], instanciasCatalogo: Int, aceptadasEnVersion1: Int) {
        self.anio = anio
        self.envios = envios
        self.instanciasCatalogo = instanciasCatalogo
        self.aceptadasEnVersion1 = aceptadasEnVersion1
    }
}
