/// A column of a sheet, as the methodology defines it.
public struct Campo: Sendable, Hashable {
    public var clave: String
    /// The official label (the template's header).
    public var etiqueta: String
    public var tipo: TipoCampo
    public var requerido: Bool
    public var unico = false
    /// A regular expression the whole value must match.
    public var patron: String?
    public var minimo: Double?
    public var maximo: Double?
    /// Exclusive lower bound.
    public var mayorQue: Double?
    public var largoMaximo: Int?
    /// The only accepted value (`{anio}` and `{version}` already substituted).
    public var igualA: String?
    /// Value of an empty cell (e.g. 0).
    public var vacioEs: Double?
    /// Finding code when the value is invalid, instead of the ordinary one.
    public var codigo: String?
    /// Whether the value is a comma-separated list of sheet claves.
    public var listaDeHojas = false
    /// The example value the template's Instrucciones sheet shows (`ejemplo:` in hojas.yaml); when
    /// absent, ``Metodologia/ejemplo(de:)`` derives one from the field's type and limits.
    public var ejemplo: String?

    public init(clave: String, etiqueta: String, tipo: TipoCampo, requerido: Bool) {
        self.clave = clave
        self.etiqueta = etiqueta
        self.tipo = tipo
        self.requerido = requerido
    }
}
