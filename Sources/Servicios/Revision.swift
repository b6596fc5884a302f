import Foundation
import Metodologia
import Plantilla
import Validacion

/// The review of one envío: its findings, the HTML page a person reads and the annotated copy
/// (`<envío>-revisado.xlsx`) with each finding as a comment in its cell.
///
/// ```swift
/// let revision = Revisor(metodologia: m).revisar(Envio(ruta: url))
/// print(revision.resultado.errores, revision.copiaRevisada?.count ?? 0)
/// ```
public struct Revision: Sendable {
    public var resultado: ResultadoValidacion
    /// The self-contained HTML page of the review.
    public var html: String
    /// The annotated copy; nil when the file could not be read (the page says why).
    public var copiaRevisada: [UInt8]?

    /// The file name's stem, for the outputs (`EST09_2017` for `EST09_2017.xlsx`).
    public var nombreBase: String { (resultado.archivo as NSString).deletingPathExtension }
}

/// Reviews envíos against one methodology (and, for R-ANU-01, the previous year's totals).
public struct Revisor: Sendable {
    public let metodologia: Metodologia
    public var validador: Validador

    public init(metodologia: Metodologia, anioAnterior: (any ProveedorAnioAnterior)? = nil) {
        self.metodologia = metodologia
        validador = Validador(metodologia: metodologia)
        validador.anioAnterior = anioAnterior
    }

    /// The findings only (what `validar` prints and the API returns).
    public func validar(_ envio: Envio) -> ResultadoValidacion { validador.validar(envio) }

    /// The findings of each envío, in the list's order, validated on every core (each envío stands on
    /// its own; with one core, one after another). The same results as validating them one by one.
    ///
    /// ```swift
    /// let resultados = revisor.validar(rutas.map { Envio(ruta: $0) })
    /// ```
    public func validar(_ envios: [Envio]) -> [ResultadoValidacion] {
        mapaEnParalelo(envios) { [validador] in validador.validar($0) }
    }

    /// Findings, HTML page and annotated copy.
    public func revisar(_ envio: Envio) -> Revision {
        let resultado = validador.validar(envio)
        let copia = try? CopiaRevisada.documento(envio: envio, resultado: resultado).data()
        return Revision(
            resultado: resultado, html: PaginaRevision.pagina(resultado, metodologia: metodologia), copiaRevisada: copia
        )
    }

    /// Reviews each envío and writes into `carpeta` its HTML page (`<envío>.html`) and its annotated
    /// copy (`<envío>-revisado.xlsx`; none for a file that cannot be read, whose page says why). Two
    /// envíos with the same name stem (`a.xlsx` and `a.csv`) never overwrite each other's reports: the
    /// second's names carry its extension (`a-csv.html`). Returns the findings, in order.
    ///
    /// ```swift
    /// let resultados = try revisor.revisar(envios, escribiendoEn: URL(fileURLWithPath: "revision"))
    /// ```
    public func revisar(_ envios: [Envio], escribiendoEn carpeta: URL) throws(ErrorServicio)
        -> [ResultadoValidacion]
    {
        var resultados: [ResultadoValidacion] = []
        var usados = Set<String>()
        // Reviewed on every core a few at a time (each page and copy is held until written, in order).
        let grupo = max(1, 2 * Paralelismo.hilos)
        for inicio in stride(from: 0, to: envios.count, by: grupo) {
            let siguientes = Array(envios[inicio..<min(inicio + grupo, envios.count)])
            for (envio, revision) in zip(siguientes, mapaEnParalelo(siguientes) { revisar($0) }) {
                resultados.append(revision.resultado)
                var base = revision.nombreBase
                if usados.contains(base) {
                    let ext = envio.ruta.pathExtension.isEmpty ? "carpeta" : envio.ruta.pathExtension
                    base += "-" + ext
                    var k = 2
                    while usados.contains(base) {
                        base = revision.nombreBase + "-\(ext)-\(k)"
                        k += 1
                    }
                }
                usados.insert(base)
                try EscrituraAtomica.escribir(revision.html, en: carpeta.appendingPathComponent(base + ".html"))
                if let copia = revision.copiaRevisada {
                    try EscrituraAtomica.escribir(copia, en: carpeta.appendingPathComponent(base + "-revisado.xlsx"))
                }
            }
        }
        return resultados
    }
}
