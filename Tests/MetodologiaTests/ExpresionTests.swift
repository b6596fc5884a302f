import Metodologia
import Testing

struct Fila: ContextoEvaluacion {
    var valores: [String: Valor]
    func valor(de nombre: String) -> Valor { valores[nombre] ?? .nulo }
    func atributo(catalogo: String, clave: String, columna: String) -> String? {
        catalogo == "modalidades" && columna == "solo_menores" ? (clave == "adopcion_ilegal" ? "si" : "no") : nil
    }
}

@Suite("Lenguaje de expresiones")
struct ExpresionTests {
    @Test(
        arguments: [
            ("total = a + b", ["total": Valor.numero(5), "a": .numero(2), "b": .numero(3)], Valor.logico(true)),
            ("total = a + b", ["total": .numero(6), "a": .numero(2), "b": .numero(3)], .logico(false)),
            ("total = a + b", ["total": .numero(6), "a": .numero(2)], .nulo),
            ("x > 0 => w > 0", ["x": .numero(0), "w": .numero(0)], .logico(true)),
            ("x > 0 => w > 0", ["x": .numero(2), "w": .numero(0)], .logico(false)),
            ("c = 'nacional' <=> (vacio(e) o e = '00')", ["c": .texto("nacional")], .logico(true)),
            ("c = 'nacional' <=> (vacio(e) o e = '00')", ["c": .texto("estatal")], .logico(false)),
            ("c = 'nacional' <=> (vacio(e) o e = '00')", ["c": .texto("estatal"), "e": .texto("14")], .logico(true)),
            ("m en ('a', 'b')", ["m": .texto("b")], .logico(true)),
            ("no (m en ('a', 'b'))", ["m": .texto("c")], .logico(true)),
            ("h <= 24 * dias(i, f)", ["h": .numero(49), "i": .fecha(0), "f": .fecha(1)], .logico(false)),
            ("h <= 24 * dias(i, f)", ["h": .numero(48), "i": .fecha(0), "f": .fecha(1)], .logico(true)),
            (
                "atributo('modalidades', m, 'solo_menores') = 'si' => edad < 18",
                ["m": .texto("adopcion_ilegal"), "edad": .numero(20)], .logico(false)
            ),
            (
                "atributo('modalidades', m, 'solo_menores') = 'si' => edad < 18", ["m": .texto("adopcion_ilegal")],
                .logico(true)
            ),
            ("f <= fecha('2017-12-31')", ["f": .fecha(Fecha(anio: 2018, mes: 1, dia: 1).dias)], .logico(false)),
            ("-a + 2 * (b - 1) / 4", ["a": .numero(1), "b": .numero(3)], .numero(0)),
            // Names with accents or digits, tabs and line breaks between tokens (the lexer's ASCII fast
            // path and its Unicode fallback).
            ("año_2017\t+\n\u{00A0}niños2 * 2", ["año_2017": .numero(1), "niños2": .numero(3)], .numero(7)),
        ] as [(String, [String: Valor], Valor)])
    func evaluacion(_ texto: String, _ valores: [String: Valor], _ esperado: Valor) throws {
        let e = try Expresion(analizando: texto)
        #expect(e.evaluar(en: Fila(valores: valores)) == esperado)
    }

    @Test(arguments: [
        ("a = ", "la expresión termina antes de tiempo"), ("(a = 1", "falta cerrar un paréntesis"),
        ("a = 'x", "falta cerrar la comilla"), ("a # b", "carácter inesperado «#»"),
        ("a b", "sobra texto después de la expresión"),
    ])
    func errores(_ texto: String, _ mensaje: String) {
        #expect(throws: ErrorExpresion.self) { try Expresion(analizando: texto) }
        do { _ = try Expresion(analizando: texto) } catch { #expect(error.mensaje == mensaje) }
    }

    @Test func camposYLlamadas() throws {
        let e = try Expresion(analizando: "suma(Capacitacion, total donde p en ('x')) + victima.fecha")
        #expect(e.campos == ["Capacitacion", "total", "p", "victima.fecha"])
        #expect(e.llamadas.map(\.0) == ["suma"])
    }
}

@Suite("Fechas")
struct FechaTests {
    @Test(arguments: [
        ("2017-03-15", "15/03/2017"), ("15/03/2017", "15/03/2017"), ("1/3/2017", "01/03/2017"),
        (" 2017-12-31 ", "31/12/2017"),
    ])
    func validas(_ texto: String, _ esperado: String) {
        #expect(Fecha(texto: texto)?.textoCorto == esperado)
    }

    @Test(arguments: ["03/15/2017", "2017-02-30", "15-03-2017", "2017/03/15", "", "mañana", "31/04/2017"])
    func invalidas(_ texto: String) {
        #expect(Fecha(texto: texto) == nil)
    }
}
