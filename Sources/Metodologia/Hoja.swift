/// A sheet of the instrument and its fields.
public struct Hoja: Sendable, Hashable {
    public var clave: String
    public var descripcion: String
    public var objetivo: Int
    /// True when the sheet holds a single data row (Identificacion).
    public var unaFila: Bool
    public var campos: [Campo]

    public init(clave: String, descripcion: String, objetivo: Int, unaFila: Bool, campos: [Campo]) {
        self.clave = clave
        self.descripcion = descripcion
        self.objetivo = objetivo
        self.unaFila = unaFila
        self.campos = campos
    }

    public func campo(_ clave: String) -> Campo? { campos.first { $0.clave == clave } }
}
