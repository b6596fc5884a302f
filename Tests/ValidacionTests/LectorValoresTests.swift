import Foundation
import Spreadsheet
import Testing

@testable import Metodologia
@testable import Validacion

/// The e-mail check says exactly what the methodology's regular expression says.
@Suite("Lector de valores")
struct LectorValoresTests {
    @Test("esCorreo coincide con ^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")
    func correoComoLaExpresion() throws {
        let regex = try NSRegularExpression(pattern: "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")
        let casos = [
            "enlace@cdmx.gob.mx", "a@b.c", "a@.c", "a@b.", "@b.c", "a@bc", "a@@b.c", "a@b@c.d", "a b@c.d",
            "a@b .c", "a@b\t.c", "ñandú@méxico.mx", "a@b..c", "a@.b.c", "a.b@c", "", "@", "a@", "a@b.c.",
            "x@y.z\u{00A0}", "x\u{2003}y@z.w", "usuario+etiqueta@dominio.com.mx",
        ]
        for caso in casos {
            let esperado = regex.firstMatch(in: caso, range: NSRange(caso.startIndex..., in: caso)) != nil
            #expect(LectorValores.esCorreo(caso) == esperado, "«\(caso)»")
        }
        #expect(LectorValores.esCorreo("enlace@cdmx.gob.mx"))
        #expect(!LectorValores.esCorreo("enlace@cdmx"))
    }

    /// A date cell in a date field is read without its text unless a «sin dato» mark could be that text.
    @Test func fechaEnCeldaDeFechaYMarcasQueEmpiezanConDigito() throws {
        var m = try metodologia()
        let campo = Campo(clave: "fecha", etiqueta: "Fecha", tipo: .fecha, requerido: false)
        let celda = CellValue.date(LocalDateTime(year: 2017, month: 2, day: 1))
        let dias = Fecha(anio: 2017, mes: 2, dia: 1).dias
        #expect(try LectorValores(metodologia: m).leer(celda, campo).get() == .fecha(dias))
        #expect(try LectorValores(metodologia: m).leer(.text("ND"), campo).get() == .nulo)
        m.sinDatoNormalizado.insert("01/02/2017")
        #expect(try LectorValores(metodologia: m).leer(celda, campo).get() == .nulo)
        let otra = CellValue.date(LocalDateTime(year: 2017, month: 2, day: 2))
        #expect(try LectorValores(metodologia: m).leer(otra, campo).get() == .fecha(dias + 1))
    }
}
