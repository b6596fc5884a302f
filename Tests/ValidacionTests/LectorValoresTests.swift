import Foundation
import Testing

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
}
