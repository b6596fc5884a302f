import Metodologia

/// A field the sheet's header names: its column, and what each text already read in it gave when it is
/// a catalog field. Boxed: a row walks these without copying every string inside each ``Campo``.
///
/// ```swift
/// let leido = CampoLeido(campo: sexo, columna: 4)
/// leido.recordar("Mujer", .success(.texto("M")))
/// leido.recordado("Mujer")  // .success(.texto("M"))
/// ```
final class CampoLeido {
    let campo: Campo
    let columna: Int
    /// A catalog column repeats a few values over thousands of rows: one lookup of the cell's text
    /// instead of normalizing it and checking the «sin dato» marks, the extra values and the catalog.
    let esCatalogo: Bool
    private var recordados = MemoTextos<Result<Valor, ProblemaValor>>(limite: CampoLeido.maxRecordados)
    /// The rows where each value of a unique field was first seen.
    var vistos: [Valor: Int] = [:]
    /// At most this many texts per field are remembered (a column of free text in a catalog field
    /// does not grow memory without bound).
    static let maxRecordados = 4_096

    init(campo: Campo, columna: Int) {
        self.campo = campo
        self.columna = columna
        if case .catalogo = campo.tipo { esCatalogo = true } else { esCatalogo = false }
    }

    func recordado(_ texto: String) -> Result<Valor, ProblemaValor>? { recordados.buscar(texto) }

    func recordar(_ texto: String, _ resultado: Result<Valor, ProblemaValor>) {
        recordados.guardar(texto, resultado)
    }
}
