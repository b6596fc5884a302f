import Foundation
import Metodologia
import Plantilla
import Spreadsheet
import Testing
import Validacion
import XLSXWriter

let raiz = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func metodologia() throws -> Metodologia {
    try Metodologia.cargar(carpeta: raiz.appendingPathComponent("Instrumento/2017"))
}

func temporal() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("plantilla-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Runs a Python script (openpyxl) and returns its standard output; fails the test if it fails.
func python(_ script: String, _ argumentos: [String]) throws -> String {
    let proceso = Process()
    proceso.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    proceso.arguments = ["python3", "-c", script] + argumentos
    let salida = Pipe()
    let errores = Pipe()
    proceso.standardOutput = salida
    proceso.standardError = errores
    try proceso.run()
    let datos = salida.fileHandleForReading.readDataToEndOfFile()
    let textoError = String(decoding: errores.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    proceso.waitUntilExit()
    #expect(proceso.terminationStatus == 0, "python falló: \(textoError)")
    return String(decoding: datos, as: UTF8.self)
}

/// Fills the SCT template (Identificacion + Capacitacion) as an institution would, with openpyxl.
let llenar = """
    import sys, datetime, openpyxl
    wb = openpyxl.load_workbook(sys.argv[1])
    ws = wb["Identificacion"]
    ws["D2"] = "Titular de la Unidad de Asuntos Jurídicos"
    ws["F2"] = "enlace@sct.gob.mx"
    ws["G2"] = datetime.date(2018, 1, 20)
    ws = wb["Capacitacion"]
    filas = [
        ["CAP-1", datetime.date(2017, 3, 1), datetime.date(2017, 3, 2), "Capacitación", "Curso", "Presencial", "Trata laboral",
         "Academia", "Jalisco", 10, 5, 0, 15, 8],
        ["CAP-2", datetime.date(2017, 5, 10), datetime.date(2017, 5, 10), "Sensibilización", "Taller", "En línea", "Enganche",
         "Sector privado", "Nacional / en línea", 3, 4, None, 7, 2.5],
    ]
    for r, fila in enumerate(filas, start=2):
        for c, v in enumerate(fila, start=1):
            ws.cell(row=r, column=c, value=v)
    wb.save(sys.argv[2])
    """

@Suite("Plantilla del instrumento")
struct PlantillaTests {
    @Test func estructuraLeidaConNuestroLectorYConOpenpyxl() throws {
        let m = try metodologia()
        let dir = temporal()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("segob.xlsx")
        try GeneradorPlantilla(metodologia: m).documento(instancia: "SEGOB").write(to: url)
        let libro = try Workbook.open(path: url.path)
        #expect(
            libro.sheets.map(\.name) == [
                "Instrucciones", "Identificacion", "Capacitacion", "Campanas", "Armonizacion", "Catalogos",
            ])
        #expect(libro.sheets.last?.visibility == .hidden)
        let ident = try libro.rows(ofSheet: 1)
        let encabezado = try #require(try ident.next())
        #expect(encabezado.denseValues.first == .text("Clave de la instancia"))
        let prellenada = try #require(try ident.next())
        #expect(Array(prellenada.denseValues.prefix(3)) == [.text("SEGOB"), .number(2017), .text("2017.1")])
        let salida = try python(
            """
            import sys, json, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            cap = wb["Capacitacion"]
            dv = {str(d.sqref).split(":")[0]: (d.type, d.formula1, d.formula2, d.promptTitle) for d in cap.data_validations.dataValidation}
            cat = wb["Catalogos"]
            print(json.dumps({
              "hojas": wb.sheetnames, "estado": cat.sheet_state, "protegida": bool(cat.protection.sheet),
              "congelado": cap.freeze_panes, "titulo": wb.properties.title, "creado": wb.properties.created.isoformat(),
              "D": dv.get("D2"), "I": dv.get("I2"), "J": dv.get("J2"), "B": dv.get("B2"), "N": dv.get("N2"),
              "nombres": sorted(wb.defined_names.keys())[:3],
              "sexo": [c.value for c in cat["A"]][:2],
              "rangoD": [str(d.sqref) for d in cap.data_validations.dataValidation if str(d.sqref).startswith("D2")],
              "combinadas": len(wb["Instrucciones"].merged_cells.ranges),
              "ajuste": wb["Instrucciones"]["A6"].alignment.wrap_text,
            }))
            """, [url.path])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(salida.utf8)) as? [String: Any])
        #expect(json["estado"] as? String == "hidden")
        #expect(json["protegida"] as? Bool == true)
        #expect(json["congelado"] as? String == "A2")
        #expect(json["titulo"] as? String == "Instrumento de Recolección de Datos 2017")
        #expect(json["creado"] as? String == "2017-01-01T00:00:00")
        #expect((json["D"] as? [Any])?.prefix(2).map { "\($0)" } == ["list", "lista_tipo_accion"])
        #expect((json["I"] as? [Any])?.prefix(2).map { "\($0)" } == ["list", "lista_entidades_00"])
        #expect((json["J"] as? [Any])?.prefix(3).map { "\($0)" } == ["whole", "0", "1000000000"])
        #expect((json["B"] as? [Any])?.prefix(3).map { "\($0)" } == ["date", "42736", "43100"])
        #expect((json["N"] as? [Any])?.prefix(4).map { "\($0)" } == ["decimal", "0", "500", "Horas"])
        // Validations reach row 5,001 (5,000 records); the instructions wrap across the table's width.
        #expect(json["rangoD"] as? [String] == ["D2:D5001"])
        #expect((json["combinadas"] as? Int ?? 0) >= 10)
        #expect(json["ajuste"] as? Bool == true)
    }

    @Test func plantillaLlenadaConOpenpyxlValidaSinHallazgos() throws {
        let m = try metodologia()
        let dir = temporal()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plantilla = dir.appendingPathComponent("sct.xlsx")
        let llena = dir.appendingPathComponent("SCT_2017.xlsx")
        try GeneradorPlantilla(metodologia: m).documento(instancia: "SCT").write(to: plantilla)
        _ = try python(llenar, [plantilla.path, llena.path])
        let r = Validador(metodologia: m).validar(Envio(ruta: llena))
        #expect(r.hallazgos.isEmpty, "\(r.hallazgos.map(\.mensaje))")
        #expect(r.instancia == "SCT")
    }

    @Test(arguments: ["xlsx", "ods"])
    func plantillaGuardadaPorLibreOfficeValidaSinHallazgos(_ formato: String) throws {
        let m = try metodologia()
        let dir = temporal()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plantilla = dir.appendingPathComponent("sct.xlsx")
        let llena = dir.appendingPathComponent("llena.xlsx")
        try GeneradorPlantilla(metodologia: m).documento(instancia: "SCT").write(to: plantilla)
        _ = try python(llenar, [plantilla.path, llena.path])
        let salida = dir.appendingPathComponent("libreoffice")
        let proceso = Process()
        proceso.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        proceso.arguments = [
            "soffice", "-env:UserInstallation=file://\(dir.path)/perfil", "--headless", "--convert-to", formato,
            "--outdir", salida.path,
            llena.path,
        ]
        proceso.standardOutput = FileHandle.nullDevice
        proceso.standardError = FileHandle.nullDevice
        try proceso.run()
        proceso.waitUntilExit()
        let convertido = salida.appendingPathComponent("llena.\(formato)")
        #expect(FileManager.default.fileExists(atPath: convertido.path), "LibreOffice no guardó el archivo")
        let r = Validador(metodologia: m).validar(Envio(ruta: convertido))
        #expect(r.hallazgos.isEmpty, "\(r.hallazgos.map(\.mensaje))")
    }
}

@Suite("Copia revisada")
struct CopiaRevisadaTests {
    @Test func marcaLasCeldasYEnlazaLosHallazgos() throws {
        let m = try metodologia()
        let dir = temporal()
        defer { try? FileManager.default.removeItem(at: dir) }
        var libro = XLSXDocument()
        libro.addSheet(
            "Identificacion",
            rows: [
                [
                    "Clave de la instancia", "Año reportado", "Versión del instrumento", "Responsable",
                    "Correo electrónico", "Fecha de llenado",
                    "Hojas sin información",
                ].map { XLSXCell.text($0) },
                [
                    .text("SCT"), .number(2017), .text("2017.1"), .text("Titular"), .text("a@b.mx"),
                    .date(year: 2018, month: 1, day: 3), .text("Capacitacion"),
                ],
            ])
        libro.addSheet(
            "Victimas",
            rows: [
                [
                    "Folio de la víctima", "Fecha de identificación", "Sexo", "Edad", "Nacionalidad",
                    "Entidad de identificación", "Modalidad",
                    "Forma de enganche", "Condición migratoria", "Rescatada en operativo", "Nombre de la víctima",
                ].map { XLSXCell.text($0) },
                [
                    .text("V-1"), .date(year: 2017, month: 4, day: 2), .text("Mujr"), .number(20), .text("MEX"),
                    .text("09"),
                    .text("explotacion_sexual"), .text("engano"), .text("nacional"), .text("no"), .text("Ana López"),
                ],
                [
                    .text("V-2"), .date(year: 2017, month: 4, day: 3), .text("Hombre"), .number(16), .text("GTM"),
                    .text("09"),
                    .text("explotacion_sexual"), .text("engano"), .text("nacional"), .text("no"), .text("Juan Pérez"),
                ],
            ])
        let original = dir.appendingPathComponent("SCT_2017.xlsx")
        try libro.write(to: original)
        let antes = try Data(contentsOf: original)
        let envio = Envio(ruta: original)
        let resultado = Validador(metodologia: m).validar(envio)
        #expect(tuplas(resultado) == ["K1 dato-personal-prohibido", "C2 fuera-de-catalogo", "I3 regla-incumplida"])
        let copia = dir.appendingPathComponent("SCT_2017-revisado.xlsx")
        try CopiaRevisada.documento(envio: envio, resultado: resultado).write(to: copia)
        #expect(try Data(contentsOf: original) == antes, "el original nunca se toca")
        let leido = try Workbook.open(path: copia.path)
        #expect(leido.sheets.map(\.name) == ["Hallazgos", "Identificacion", "Victimas"])
        let salida = try python(
            """
            import sys, json, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            v, h = wb["Victimas"], wb["Hallazgos"]
            print(json.dumps({
              "C2": [v["C2"].value, v["C2"].fill.fgColor.rgb, v["C2"].comment.text if v["C2"].comment else None],
              "I3": [v["I3"].value, v["I3"].fill.fgColor.rgb],
              "K": [v["K1"].value, v["K2"].value, v["K3"].value],
              "link": h["B4"].hyperlink.location if h["B4"].hyperlink else None,
              "filas": h.max_row,
              "congelada": v.freeze_panes,
              "anchoA": v.column_dimensions["A"].width,
              "anchoK": v.column_dimensions["K"].width,
              "fechaFormato": [c.number_format for c in v[2] if c.is_date],
            }))
            """, [copia.path])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(salida.utf8)) as? [String: Any])
        let c2 = try #require(json["C2"] as? [Any])
        #expect(c2[0] as? String == "Mujr")
        #expect(c2[1] as? String == "FFFFC7CE")
        #expect((c2[2] as? String)?.contains("¿Quiso decir «Mujer»?") == true)
        #expect((json["I3"] as? [Any])?[1] as? String == "FFFFEB9C")
        #expect((json["K"] as? [Any])?.map { "\($0)" } == ["Nombre de la víctima", "<null>", "<null>"])
        #expect(json["link"] as? String == "'Victimas'!C2")
        #expect(json["filas"] as? Int == 5)
        // Header frozen, columns as wide as their contents, dates with a date format.
        #expect(json["congelada"] as? String == "A2")
        #expect((json["anchoA"] as? Double ?? 0) >= 14)
        #expect((json["anchoK"] as? Double ?? 0) >= 20)
        #expect(((json["fechaFormato"] as? [String]) ?? []).allSatisfy { $0.contains("yy") || $0.contains("d") })
        #expect(!((json["fechaFormato"] as? [String]) ?? []).isEmpty)
        // The names never reach the copy.
        let bytes = try Data(contentsOf: copia)
        #expect(bytes.range(of: Data("Ana L".utf8)) == nil)
    }
}

func tuplas(_ r: ResultadoValidacion) -> [String] { r.hallazgos.map { "\($0.celda ?? $0.hoja ?? "-") \($0.codigo)" } }

@Suite("Copia revisada de CSV")
struct CopiaRevisadaCSVTests {
    @Test func seConstruyeDesdeSusFilas() throws {
        let m = try metodologia()
        let dir = temporal()
        defer { try? FileManager.default.removeItem(at: dir) }
        let carpeta = dir.appendingPathComponent("SCT_2017")
        try FileManager.default.createDirectory(at: carpeta, withIntermediateDirectories: true)
        try Data(
            "Clave de la instancia;Año reportado;Versión del instrumento;Responsable;Correo electrónico;Fecha de llenado\nSCT;2016;2017.1;Titular;a@b.mx;15/01/2018\n"
                .utf8
        ).write(to: carpeta.appendingPathComponent("SCT_Identificacion.csv"))
        let envio = Envio(ruta: carpeta)
        let resultado = Validador(metodologia: m).validar(envio)
        #expect(tuplas(resultado).contains("B2 identificacion-invalida"))
        let copia = dir.appendingPathComponent("SCT_2017-revisado.xlsx")
        try CopiaRevisada.documento(envio: envio, resultado: resultado).write(to: copia)
        let libro = try Workbook.open(path: copia.path)
        #expect(libro.sheets.map(\.name) == ["Hallazgos", "Identificacion"])
        let filas = try libro.rows(ofSheet: 1)
        _ = try filas.next()
        #expect(try filas.next()?.denseValues.prefix(2) == [.text("SCT"), .text("2016")])
    }
}
