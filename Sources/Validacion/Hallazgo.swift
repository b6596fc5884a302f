import Metodologia
import Spreadsheet

/// One finding about an envío (§5): where it is, what code, how serious, and the Spanish message.
///
/// ```swift
/// let h = Hallazgo(archivo: "envio.xlsx", hoja: "Victimas", fila: 12, columna: 4, campo: "sexo",
///                  codigo: "fuera-de-catalogo", severidad: .error, valor: "Mujr", mensaje: "…")
/// print(h.celda ?? "")  // E12
/// ```
public struct Hallazgo: Sendable, Hashable {
    public var archivo: String
    public var hoja: String?
    /// 1-based row number as the spreadsheet program shows it; nil for sheet or file findings.
    public var fila: Int?
    /// Zero-based column index; nil for sheet or file findings.
    public var columna: Int?
    public var campo: String?
    public var codigo: String
    public var severidad: Severidad
    public var regla: String?
    public var valor: String?
    public var mensaje: String

    public init(
        archivo: String, hoja: String? = nil, fila: Int? = nil, columna: Int? = nil, campo: String? = nil,
        codigo: String,
        severidad: Severidad, regla: String? = nil, valor: String? = nil, mensaje: String
    ) {
        self.archivo = archivo
        self.hoja = hoja
        self.fila = fila
        self.columna = columna
        self.campo = campo
        self.codigo = codigo
        self.severidad = severidad
        self.regla = regla
        self.valor = valor
        self.mensaje = mensaje
    }

    /// The column's letters (`E`), or nil.
    public var letraColumna: String? { columna.map(CellReference.columnName) }

    /// `E12`, or nil when the finding is about a sheet or a file.
    public var celda: String? {
        guard let fila, let columna else { return nil }
        return CellReference.columnName(columna) + String(fila)
    }
}
