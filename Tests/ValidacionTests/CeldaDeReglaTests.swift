import Foundation
import Metodologia
import Testing
import Validacion
import XLSXWriter

/// A cross-field rule's finding goes in the cell of the field that is wrong.
@Suite("Celda de las reglas entre campos")
struct CeldaDeReglaTests {
    static let encabezados: [XLSXCell] = [
        "Entidad federativa", "Fuero", "Averiguaciones previas iniciadas", "Carpetas de investigación iniciadas",
        "AP consignadas", "CI judicializadas", "Imputados mujeres", "Imputados hombres", "Sentencias condenatorias",
        "Sentencias absolutorias", "Personas sentenciadas", "Operativos", "Víctimas rescatadas",
    ].map { XLSXCell.text($0) }

    func fila(_ entidad: String, _ fuero: String) -> [XLSXCell] {
        [.text(entidad), .text(fuero)] + Array(repeating: XLSXCell.number(1), count: 11)
    }

    @Test func entidadEquivocadaSeMarcaEnLaEntidadYFueroEnElFuero() throws {
        // EST09 is the Ciudad de México (entidad 09): a row of another state, and one of the federal fuero.
        let r = try validar(
            [
                ("Identificacion", identificacion("EST09")),
                ("Persecucion", [Self.encabezados, fila("09", "Común"), fila("15", "Común"), fila("09", "Federal")]),
            ],
            nombre: "EST09_2017.xlsx")
        let reglas = r.hallazgos.filter { $0.regla == "R-PER-02" }
        #expect(reglas.map(\.celda) == ["A3", "B4"])
        #expect(reglas.map(\.campo) == ["entidad", "fuero"])
        #expect(reglas.first?.valor == "México")
    }
}
