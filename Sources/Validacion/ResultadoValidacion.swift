import Metodologia

/// The outcome of validating one envío: its findings and, when asked, its typed rows.
public struct ResultadoValidacion: Sendable {
    public var archivo: String
    /// The instancia's clave, from Identificacion (nil when it could not be read).
    public var instancia: String?
    public var hallazgos: [Hallazgo]
    /// Typed rows per sheet clave, kept only with ``Validador/conservarDatos``; never the values of
    /// columns with personal data.
    public var datos: [String: [FilaValidada]]

    public var errores: Int { hallazgos.filter { $0.severidad == .error }.count }
    public var advertencias: Int { hallazgos.filter { $0.severidad == .advertencia }.count }
    public var aceptable: Bool { errores == 0 }

    public init(archivo: String, instancia: String?, hallazgos: [Hallazgo], datos: [String: [FilaValidada]] = [:]) {
        self.archivo = archivo
        self.instancia = instancia
        self.hallazgos = hallazgos
        self.datos = datos
    }
}

/// One data row once read: its row number and its values by field clave.
public struct FilaValidada: Sendable, Hashable {
    public var fila: Int
    public var valores: [String: Valor]

    public init(fila: Int, valores: [String: Valor]) {
        self.fila = fila
        self.valores = valores
    }
}

/// Totals of the previous year's vigente version, for R-ANU-01 (the store provides them).
public protocol ProveedorAnioAnterior: Sendable {
    /// The total of `medida` (`filas` or `suma(…)`) for an instancia's sheet, or nil if there is none.
    func total(instancia: String, hoja: String, medida: String) -> Double?
}
