import Foundation
import Metodologia
import Testing
import Validacion
import XLSXWriter

/// Every finding code of §5, each provoked by a small envío and asserted as (cell, code).
@Suite("Códigos de hallazgo")
struct HallazgosTests {
    let encabezadoVictimas: [XLSXCell] = [
        "Folio de la víctima", "Fecha de identificación", "Sexo", "Edad", "Nacionalidad", "Entidad de identificación",
        "Modalidad", "Forma de enganche", "Condición migratoria", "Rescatada en operativo",
    ].map { .text($0) }

    func victima(
        _ folio: String, fecha: XLSXCell = .date(year: 2017, month: 3, day: 5), sexo: String = "Mujer",
        edad: XLSXCell = .number(25),
        modalidad: String = "explotacion_sexual"
    ) -> [XLSXCell] {
        [
            .text(folio), fecha, .text(sexo), edad, .text("MEX"), .text("09"), .text(modalidad), .text("engano"),
            .text("nacional"), .text("no"),
        ]
    }

    @Test func archivoIlegible() throws {
        let dir = carpetaTemporal()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("roto.xlsx")
        try Data("esto no es un libro".utf8).write(to: url)
        let r = Validador(metodologia: try metodologia()).validar(Envio(ruta: url))
        #expect(tuplas(r) == ["- archivo-ilegible"])
        #expect(r.hallazgos[0].mensaje.hasPrefix("No se pudo leer «roto.xlsx»: no es un libro XLSX válido"))
    }

    @Test func identificacionYVersion() throws {
        let r = try validar([
            ("Identificacion", identificacion("XYZ", anio: 2016, version: "2016.1")), ("Capacitacion", []),
        ])
        #expect(tuplas(r) == ["A2 identificacion-invalida", "B2 identificacion-invalida", "C2 instrumento-version"])
        #expect(r.instancia == nil)
        let filas = try validar([
            (
                "Identificacion",
                identificacion("SCT", sinInformacion: "Capacitacion") + [
                    identificacion("SCT", sinInformacion: "Capacitacion")[1]
                ]
            )
        ])
        #expect(filas.hallazgos.contains { $0.codigo == "identificacion-invalida" && $0.valor == "2" })
    }

    @Test func hojasFaltanteVaciaYDesconocida() throws {
        // SRE must deliver Capacitacion, Victimas and Atenciones.
        let r = try validar([
            ("Identificacion", identificacion("SRE")), ("Capacitacion", [[.text("Folio"), .text("Fecha de inicio")]]),
            ("Notas", [[.text("algo")]]), ("Instrucciones", [[.text("se ignora")]]),
        ])
        #expect(
            Set(tuplas(r)).isSuperset(of: [
                "Notas hoja-desconocida", "Capacitacion hoja-vacia", "Victimas hoja-faltante",
                "Atenciones hoja-faltante",
            ]))
        #expect(r.hallazgos.first { $0.codigo == "hoja-desconocida" }?.severidad == .advertencia)
        // Declared without information: no finding for those sheets.
        let declarado = try validar([
            ("Identificacion", identificacion("SRE", sinInformacion: "Victimas, Atenciones")),
            ("Capacitacion", [[.text("Folio"), .text("Fecha de inicio")]]),
        ])
        #expect(!declarado.hallazgos.contains { $0.codigo == "hoja-faltante" })
    }

    @Test func encabezadosYColumnas() throws {
        let sinEncabezado = try validar([
            ("Identificacion", identificacion("SCT", sinInformacion: "Capacitacion")),
            ("Capacitacion", [[.text("a"), .text("b")]]),
        ])
        #expect(tuplas(sinEncabezado).contains("Capacitacion encabezado-no-encontrado"))
        // SCT must send Capacitacion: a sheet without its header gets that finding only, not also «hoja vacía».
        let obligatoria = try validar([
            ("Identificacion", identificacion("SCT")),
            ("Capacitacion", [[.text("a"), .text("b")], [.text("1"), .text("2")]]),
        ])
        #expect(
            tuplas(obligatoria).filter { $0.hasPrefix("Capacitacion") } == ["Capacitacion encabezado-no-encontrado"])
        let r = try validar([
            ("Identificacion", identificacion("SCT", sinInformacion: "Capacitacion")),
            (
                "Victimas",
                [
                    [.text("Registro de víctimas 2017")], [],
                    encabezadoVictimas.filter { $0 != .text("Sexo") } + [
                        .text("Color favorito"), .text("Edad"), .text("Nombre de la víctima"),
                    ],
                    [
                        .text("V-001"), .date(year: 2017, month: 3, day: 5), .number(25), .text("MEX"), .text("09"),
                        .text("explotacion_sexual"), .text("engano"), .text("nacional"), .text("no"), .text("azul"),
                        .number(30),
                        .text("María Pérez"),
                    ],
                ]
            ),
        ])
        #expect(
            tuplas(r) == [
                "Victimas columna-faltante", "J3 columna-desconocida", "K3 columna-duplicada",
                "L3 dato-personal-prohibido",
            ])
        #expect(r.hallazgos[0].campo == "sexo")
        #expect(r.hallazgos[1].severidad == .advertencia)
        #expect(r.hallazgos[3].regla == "R-ENV-02")
        #expect(!r.hallazgos.contains { $0.mensaje.contains("María") || $0.valor == "María Pérez" })
    }

    @Test func datosPersonalesNuncaSeGuardan() throws {
        let r = try validar(
            [
                ("Identificacion", identificacion("SCT", sinInformacion: "Capacitacion")),
                ("Victimas", [encabezadoVictimas + [.text("CURP")], victima("V-001") + [.text("PEPM800101MDFRRR09")]]),
            ], conservar: true)
        #expect(tuplas(r) == ["K1 dato-personal-prohibido"])
        let fila = try #require(r.datos["Victimas"]?.first)
        #expect(!fila.valores.values.contains(.texto("PEPM800101MDFRRR09")))
        #expect(fila.valores.count == 10)
    }

    @Test func valoresDeCeldas() throws {
        let r = try validar([
            ("Identificacion", identificacion("SCT", sinInformacion: "Capacitacion")),
            (
                "Victimas",
                [
                    encabezadoVictimas,
                    victima("V-001", sexo: "Mujr"),
                    victima("V-002", edad: .number(25.5)),
                    victima("V-003", fecha: .text("03/15/2017")),
                    victima("V-004", edad: .number(150)),
                    victima("V 005"),
                    victima("V-006", fecha: .date(year: 2016, month: 12, day: 31)),
                    victima("V-001"),
                    victima("V-008", sexo: "ND"),
                    victima("V-009", edad: .text("ND")),
                    victima("V-010", fecha: .text("2017-04-01"), sexo: "femenino", edad: .text("1,2")),
                    victima("V-011", fecha: .text("15/04/2017"), edad: .text("17"), modalidad: "Adopción ilegal"),
                ]
            ),
        ])
        #expect(
            tuplas(r) == [
                "C2 fuera-de-catalogo", "D3 tipo-invalido", "B4 tipo-invalido", "D5 fuera-de-rango",
                "A6 formato-invalido",
                "B7 fecha-fuera-de-periodo", "A8 duplicado", "C9 valor-requerido", "D11 tipo-invalido",
            ])
    }

    /// A catalog value read once is remembered for its column: repeated, it is still judged (and
    /// reported) in every row, and the same text in another catalog column is judged by that column.
    @Test func valorDeCatalogoRepetidoSeJuzgaEnCadaFila() throws {
        let r = try validar([
            ("Identificacion", identificacion("SCT", sinInformacion: "Capacitacion")),
            (
                "Victimas",
                [
                    encabezadoVictimas,
                    victima("V-001", sexo: "Mujr"),
                    victima("V-002", sexo: "Mujer"),
                    victima("V-003", sexo: "Mujr"),
                    victima("V-004", sexo: "ND"),
                    victima("V-005", sexo: "mujer", modalidad: "Mujr"),
                    victima("V-006", sexo: "ND"),
                    victima("V-007", sexo: "Mujr"),
                ]
            ),
        ])
        #expect(
            tuplas(r) == [
                "C2 fuera-de-catalogo", "C4 fuera-de-catalogo", "C5 valor-requerido", "G6 fuera-de-catalogo",
                "C7 valor-requerido", "C8 fuera-de-catalogo",
            ])
        let mensajes = r.hallazgos.filter { $0.celda?.hasPrefix("C") == true && $0.codigo == "fuera-de-catalogo" }
            .map(\.mensaje)
        #expect(mensajes.count == 3 && Set(mensajes).count == 1)
        #expect(mensajes.first?.contains("Mujr") == true)
    }

    @Test func reglasEntreCampos() throws {
        let r = try validar([
            ("Identificacion", identificacion("SCT", sinInformacion: "Capacitacion")),
            (
                "Victimas",
                [
                    encabezadoVictimas,
                    victima("V-001", edad: .number(30), modalidad: "adopcion_ilegal"),
                ]
            ),
            (
                "Atenciones",
                [
                    [
                        .text("Folio de la víctima"), .text("Fecha"), .text("Tipo de atención"),
                        .text("Institución otorgante"),
                    ],
                    [.text("V-001"), .date(year: 2017, month: 3, day: 1), .text("medica"), .text("OSC")],
                    [.text("V-999"), .date(year: 2017, month: 3, day: 9), .text("medica"), .text("SCT")],
                ]
            ),
        ])
        #expect(tuplas(r) == ["D2 regla-incumplida", "B2 regla-incumplida", "A3 referencia-inexistente"])
        #expect(r.hallazgos.map(\.regla) == ["R-VIC-02", "R-ATE-02", "R-ATE-01"])
        #expect(
            r.hallazgos[0].mensaje.hasPrefix(
                "La modalidad «Adopción ilegal de persona menor de dieciocho años» solo aplica"))
    }

    @Test func armonizacionCompletaYSinRepetir() throws {
        var filas: [[XLSXCell]] = [
            [
                .text("Entidad federativa"), .text("Ley armonizada"), .text("Fecha de publicación"),
                .text("Fiscalía especializada"),
                .text("Comisión interinstitucional"), .text("Programa estatal"),
            ]
        ]
        for e in 1...30 {
            filas.append([
                .number(Double(e)), .text("si"), .date(year: 2015, month: 1, day: 1), .text("si"), .text("si"),
                .text("no"),
            ])
        }
        filas.append([.text("01"), .text("parcial"), .empty, .text("no"), .text("si"), .text("no")])
        let r = try validar([("Identificacion", identificacion("SEGOB")), ("Armonizacion", filas)])
        #expect(
            tuplas(r).filter { !$0.contains("hoja-faltante") } == [
                "Armonizacion entidad-faltante", "Armonizacion entidad-faltante", "A32 duplicado",
                "C32 regla-incumplida",
            ])
        #expect(r.hallazgos.filter { $0.codigo == "entidad-faltante" }.compactMap(\.valor) == ["Yucatán", "Zacatecas"])
    }

    struct Anterior: ProveedorAnioAnterior {
        func total(instancia: String, hoja: String, medida: String) -> Double? {
            hoja == "Capacitacion" && medida == "suma(total_personas)" ? 10 : nil
        }
    }

    @Test func variacionAtipica() throws {
        let capacitacion: [[XLSXCell]] = [
            [
                "Folio", "Fecha de inicio", "Fecha de fin", "Tipo de acción", "Formato", "Modalidad", "Tema",
                "Público objetivo",
                "Entidad federativa", "Mujeres", "Hombres", "Total de personas", "Horas",
            ].map { .text($0) },
            [
                .text("C-1"), .date(year: 2017, month: 2, day: 1), .date(year: 2017, month: 2, day: 1),
                .text("capacitacion"),
                .text("curso"), .text("presencial"), .text("Trata"), .text("osc"), .text("00"), .number(20), .number(5),
                .number(25), .number(4),
            ],
        ]
        let r = try validar(
            [
                ("Identificacion", identificacion("SCT", sinInformacion: "Capacitacion")),
                ("Capacitacion", capacitacion),
            ], anterior: Anterior())
        #expect(tuplas(r) == ["Capacitacion variacion-atipica"])
        #expect(r.hallazgos[0].severidad == .advertencia)
        #expect(r.hallazgos[0].mensaje.contains("+150 % (antes 10)"))
    }

    @Test func csvSueltoYCarpeta() throws {
        let dir = carpetaTemporal()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("SCT_2017_identificacion.csv")
        try Data(
            "Clave de la instancia;Año reportado;Versión del instrumento;Responsable;Correo electrónico;Fecha de llenado\nSCT;2017;2017.1;Titular;a@b.mx;15/01/2018\n"
                .utf8
        ).write(to: csv)
        let v = Validador(metodologia: try metodologia())
        let suelto = v.validar(Envio(ruta: csv))
        #expect(suelto.instancia == "SCT")
        #expect(tuplas(suelto) == ["Capacitacion hoja-faltante"])
        #expect(suelto.hallazgos[0].archivo == "SCT_2017_identificacion.csv")
    }
}

@Suite("Mensajes exactos de hallazgos de celda")
struct MensajesDeCeldaTests {
    @Test func mensajes() throws {
        let encabezado: [XLSXCell] = [
            "Folio de la víctima", "Fecha de identificación", "Sexo", "Edad", "Nacionalidad",
            "Entidad de identificación",
            "Modalidad", "Forma de enganche", "Condición migratoria", "Rescatada en operativo",
        ].map { .text($0) }
        func fila(_ folio: String, _ fecha: XLSXCell, _ sexo: String, _ edad: XLSXCell) -> [XLSXCell] {
            [
                .text(folio), fecha, .text(sexo), edad, .text("MEX"), .text("09"), .text("explotacion_sexual"),
                .text("engano"), .text("nacional"), .text("no"),
            ]
        }
        let marzo = XLSXCell.date(year: 2017, month: 3, day: 5)
        let r = try validar([
            ("Identificacion", identificacion("SCT", sinInformacion: "Capacitacion")),
            (
                "Victimas",
                [
                    encabezado, fila("V-1", marzo, "Mujr", .number(20)), fila("V-2", marzo, "Mujer", .number(25.5)),
                    fila("V-3", .text("03/15/2017"), "Mujer", .number(20)), fila("V-4", marzo, "Mujer", .number(150)),
                    fila("V-5", marzo, "ND", .number(20)), fila("V-1", marzo, "Mujer", .number(20)),
                ]
            ),
        ])
        let esperados: [(String, String, String)] = [
            (
                "C2", "fuera-de-catalogo",
                "«Mujr» no es un valor válido de «Sexo». ¿Quiso decir «Mujer»? Use un valor de la lista del catálogo «sexo»."
            ),
            (
                "D3", "tipo-invalido",
                "«Edad» debe ser un número entero y tiene decimales (25.5). Escriba un número sin decimales."
            ),
            (
                "B4", "tipo-invalido",
                "«Fecha de identificación» debe ser una fecha y dice «03/15/2017». Escriba la fecha como dd/mm/aaaa, por ejemplo 15/03/2017."
            ),
            ("D5", "fuera-de-rango", "«Edad» vale 150, fuera de lo permitido (mínimo 0, máximo 110). Revise el dato."),
            (
                "C6", "valor-requerido",
                "«Sexo» es obligatorio y dice «ND» (sin dato). Escriba el dato; «ND» solo se admite en campos no obligatorios."
            ),
            (
                "A7", "duplicado",
                "«V-1» ya aparece en la fila 2; Folio de la víctima no se puede repetir en la hoja. Corrija el valor o elimine la fila repetida."
            ),
        ]
        #expect(r.hallazgos.count == esperados.count)
        for (h, e) in zip(r.hallazgos, esperados) {
            #expect(h.celda == e.0)
            #expect(h.codigo == e.1)
            #expect(h.mensaje == e.2)
            #expect(h.hoja == "Victimas")
            #expect(h.severidad == .error)
        }
    }
}
