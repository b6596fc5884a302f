import Foundation
import Testing

@testable import Servicios

@Suite("Comparación como texto y como página")
struct TextoComparacionTests {
    let c = Comparacion(
        instancia: "EST09", anio: 2017, de: 1, a: 2,
        hojas: [
            .init(
                hoja: "Victimas", agregadas: ["EST09-V-NUEVA"], eliminadas: ["EST09-V-0002", "EST09-V-0003"],
                modificadas: [.init(clave: "EST09-V-0001", campo: "sexo", antes: "mujer", despues: "<b>hombre</b>")])
        ],
        indicadores: [
            .init(indicador: "A1", desagregacion: nil, categoria: nil, antes: 12345, despues: 12344),
            .init(indicador: "A3", desagregacion: "sexo", categoria: "mujer", antes: nil, despues: 37.5),
        ])

    @Test func textoConCifrasEnEspanolDeMexico() {
        #expect(
            c.texto == """
                EST09 2017: versión 1 contra versión 2

                Hoja Victimas
                  1 fila agregada: EST09-V-NUEVA
                  2 filas eliminadas: EST09-V-0002, EST09-V-0003
                  EST09-V-0001: sexo «mujer» → «<b>hombre</b>»

                Cifras nacionales que cambian:
                  A1: 12,345 → 12,344
                  A3 por sexo = mujer: — → 37.50

                """)
    }

    @Test func paginaSinNullYConValoresEscapados() {
        let html = PaginaComparacion.pagina(c)
        #expect(html.contains("<td>12,345</td><td>12,344</td>"))
        #expect(html.contains("<td>—</td><td>37.50</td>"))
        #expect(!html.contains("null"))
        #expect(html.contains("&lt;b&gt;hombre&lt;/b&gt;"))
        #expect(!html.contains("<b>hombre"))
    }

    @Test func jsonConEnterosSinPuntoYNullSinValor() throws {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(c.json.utf8)) as? [String: Any])
        let efectos = try #require(json["indicadores"] as? [[String: Any]])
        #expect(efectos.first?["antes"] as? Int == 12345)
        #expect(efectos.last?["antes"] is NSNull)
        #expect(efectos.last?["despues"] as? Double == 37.5)
        #expect(c.json.contains("\"antes\": 12345,"))
    }
}
