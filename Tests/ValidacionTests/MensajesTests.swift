import Foundation
import Metodologia
import Testing
import Validacion
import XLSXWriter

@Suite("Mensajes y reglas como datos")
struct MensajesTests {
    @Test(
        arguments: [
            (
                "valor-requerido", ["campo": "Sexo"],
                "Falta el valor de «Sexo», que es obligatorio. Escriba el dato; «ND» solo se admite en campos no obligatorios."
            ),
            (
                "fuera-de-catalogo", ["campo": "Sexo", "valor": "Mujr", "sugerencia": "Mujer", "catalogo": "«sexo»"],
                "«Mujr» no es un valor válido de «Sexo». ¿Quiso decir «Mujer»? Use un valor de la lista del catálogo «sexo»."
            ),
            (
                "tipo-invalido/fecha", ["campo": "Fecha de inicio", "valor": "03/15/2017"],
                "«Fecha de inicio» debe ser una fecha y dice «03/15/2017». Escriba la fecha como dd/mm/aaaa, por ejemplo 15/03/2017."
            ),
            (
                "tipo-invalido/entero-decimales", ["campo": "Edad", "valor": "25.5"],
                "«Edad» debe ser un número entero y tiene decimales (25.5). Escriba un número sin decimales."
            ),
            (
                "duplicado", ["campo": "Folio", "valor": "V-1", "esperado": "4"],
                "«V-1» ya aparece en la fila 4; Folio no se puede repetir en la hoja. Corrija el valor o elimine la fila repetida."
            ),
            (
                "hoja-faltante", ["hoja": "Victimas"],
                "Falta la hoja «Victimas», obligatoria para su instancia. Agréguela o, si no tuvo información, declárela en «Hojas sin información» de la hoja Identificacion."
            ),
            (
                "fuera-de-catalogo/variante-inexistente",
                ["valor": "x", "campo": "Sexo", "sugerencia": "Mujer", "catalogo": "«sexo»"],
                "«x» no es un valor válido de «Sexo». ¿Quiso decir «Mujer»? Use un valor de la lista del catálogo «sexo»."
            ),
        ] as [(String, [String: String], String)])
    func plantillas(_ clave: String, _ datos: [String: String], _ esperado: String) {
        #expect(Mensajes.texto(clave, datos) == esperado)
    }

    @Test func todosLosCodigosTienenPlantilla() {
        for codigo in CodigosHallazgo.todos {
            #expect(Mensajes.plantillas.keys.contains { $0 == codigo || $0.hasPrefix(codigo + "/") }, "\(codigo)")
        }
    }

    @Test func unaReglaNuevaSinCodigo() throws {
        // A new rule of an existing kind, added to a copy of the methodology, fires without new Swift.
        let carpeta = carpetaTemporal()
        defer { try? FileManager.default.removeItem(at: carpeta) }
        let destino = carpeta.appendingPathComponent("2017")
        try FileManager.default.copyItem(at: raizProyecto.appendingPathComponent("Instrumento/2017"), to: destino)
        let reglas = destino.appendingPathComponent("reglas.yaml")
        var texto = try String(contentsOf: reglas, encoding: .utf8)
        texto += """
              - clave: R-TEST-01
                hoja: Victimas
                tipo: condicion
                condicion: sexo = 'hombre' => edad >= 18
                celda: edad
                severidad: advertencia
                mensaje: Prueba de regla nueva con edad {edad} y sexo {sexo}.

            """
        try texto.write(to: reglas, atomically: true, encoding: .utf8)
        let m = try Metodologia.cargar(carpeta: destino)
        let r = try validar(
            [
                ("Identificacion", identificacion("SCT", sinInformacion: "Capacitacion")),
                (
                    "Victimas",
                    [
                        [
                            "Folio de la víctima", "Fecha de identificación", "Sexo", "Edad", "Nacionalidad",
                            "Entidad de identificación", "Modalidad", "Forma de enganche", "Condición migratoria",
                            "Rescatada en operativo",
                        ].map { XLSXCell.text($0) },
                        [
                            .text("V-1"), .date(year: 2017, month: 5, day: 1), .text("H"), .number(15), .text("MEX"),
                            .text("09"),
                            .text("explotacion_laboral"), .text("engano"), .text("nacional"), .text("no"),
                        ],
                    ]
                ),
            ], metodologia: m)
        #expect(tuplas(r) == ["D2 regla-incumplida"])
        #expect(r.hallazgos[0].regla == "R-TEST-01")
        #expect(r.hallazgos[0].severidad == .advertencia)
        #expect(r.hallazgos[0].mensaje == "Prueba de regla nueva con edad 15 y sexo Hombre.")
    }

    @Test func sinIdentificacion() throws {
        let r = try validar([("Capacitacion", [[.text("Folio"), .text("Fecha de inicio")]])])
        #expect(tuplas(r) == ["Identificacion hoja-faltante", "Capacitacion columna-faltante"])
        #expect(r.hallazgos[1].mensaje.hasPrefix("Faltan las columnas obligatorias «Fecha de fin», «Tipo de acción»"))
    }
}
