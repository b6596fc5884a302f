/// How serious a finding is: an `error` stops the envío from loading, an `advertencia` does not.
public enum Severidad: String, Sendable, Hashable {
    case error
    case advertencia
}

/// A rule of the methodology (§4), as data.
public struct Regla: Sendable {
    public enum Tipo: Sendable {
        /// Date fields inside the reported period.
        case enPeriodo(campos: [String])
        /// A condition that must hold on every row.
        case condicion(Expresion, texto: String)
        /// A field or a combination of fields that may not repeat.
        case unico(campos: [String])
        /// A field whose value must exist in a field of another sheet of the same envío; `alias`
        /// names that row for conditions (`victima.fecha_identificacion`).
        case referencia(campo: String, hoja: String, campoReferido: String, alias: String?)
        /// Every clave of a catalog appears in the field.
        case completitud(campo: String, catalogo: String)
        /// The sheets each instancia must deliver (a catalog column), unless declared without information.
        case hojasObligatorias(catalogo: String, columna: String, declaradasEn: (hoja: String, campo: String))
        /// Headers that reveal personal data, with the sheets where a word is allowed.
        case encabezadosProhibidos(palabras: [String], excepciones: [String: [String]])
        /// Year-over-year jump of a sheet's total (rows, or a sum), against the previous year's vigente version.
        case variacionAnual(medidas: [String: String], subeMasDe: Double, bajaMasDe: Double)
    }

    public var clave: String
    public var hoja: String?
    public var tipo: Tipo
    public var severidad: Severidad
    /// The finding code; nil uses the code of the rule's kind.
    public var codigo: String?
    /// The field whose cell the finding points at.
    public var celda: String?
    public var mensaje: String?
    public var correccion: String?
    /// The rule in plain Spanish (for the template's instructions).
    public var descripcion: String?
    /// Where the rule is written (`reglas.yaml:42`).
    public var origen: String

    public init(
        clave: String, hoja: String?, tipo: Tipo, severidad: Severidad, codigo: String? = nil, celda: String? = nil,
        mensaje: String? = nil, correccion: String? = nil, origen: String = ""
    ) {
        self.clave = clave
        self.hoja = hoja
        self.tipo = tipo
        self.severidad = severidad
        self.codigo = codigo
        self.celda = celda
        self.mensaje = mensaje
        self.correccion = correccion
        self.origen = origen
    }
}
