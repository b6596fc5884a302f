import ApoyoPruebas
import Foundation
import Testing

/// `informe construir` end to end, with the checks a publisher would run on the PDF.
@Suite("informe construir")
struct ConstruirCommandTests {
    func herramienta(_ argumentos: [String]) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = argumentos
        let salida = Pipe()
        p.standardOutput = salida
        p.standardError = Pipe()
        try p.run()
        let datos = salida.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: datos, as: UTF8.self))
    }

    @Test func informeReproducibleYRevisado() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("construir-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try runInforme([
            "construir", "--base", dir.appendingPathComponent("a/informe.sqlite").path, "--salida",
            dir.appendingPathComponent("a/2017").path,
        ])
        #expect(a.status == 0, "\(a.stderr)")
        for etapa in 1...6 { #expect(a.stdout.contains("[\(etapa)/6]")) }
        // The same build on one thread (validation, loads, charts and PDF one after another).
        let b = try runInforme(
            [
                "construir", "--base", dir.appendingPathComponent("b/informe.sqlite").path, "--salida",
                dir.appendingPathComponent("b/2017").path,
            ], entorno: ["INFORME_HILOS": "1"])
        #expect(b.status == 0)
        let pdfA = dir.appendingPathComponent("a/2017/informe-anual-2017.pdf")
        let salidasA = try FileManager.default.subpathsOfDirectory(atPath: dir.appendingPathComponent("a/2017").path)
            .sorted()
        let salidasB = try FileManager.default.subpathsOfDirectory(atPath: dir.appendingPathComponent("b/2017").path)
            .sorted()
        #expect(salidasA == salidasB)
        #expect(salidasA.filter { $0.hasSuffix(".png") || $0.hasSuffix(".svg") }.count >= 10)
        for archivo in salidasA {
            let ua = dir.appendingPathComponent("a/2017/\(archivo)")
            var carpeta: ObjCBool = false
            guard FileManager.default.fileExists(atPath: ua.path, isDirectory: &carpeta), !carpeta.boolValue else {
                continue
            }
            #expect(
                try Data(contentsOf: ua) == Data(contentsOf: dir.appendingPathComponent("b/2017/\(archivo)")),
                "\(archivo): en paralelo y en serie deben ser idénticos, byte por byte")
        }
        // A rebuild on the same store: no envío is validated again, no chart is drawn again; the same PDF.
        let pdfAntes = try Data(contentsOf: pdfA)
        let carpetaGraficas = dir.appendingPathComponent("a/2017/graficas")
        func fechas() throws -> [String: Date] {
            var r: [String: Date] = [:]
            for n in try FileManager.default.contentsOfDirectory(atPath: carpetaGraficas.path) {
                r[n] =
                    try FileManager.default.attributesOfItem(atPath: carpetaGraficas.appendingPathComponent(n).path)[
                        .modificationDate] as? Date
            }
            return r
        }
        let fechasAntes = try fechas()
        let construirDeNuevo = [
            "construir", "--base", dir.appendingPathComponent("a/informe.sqlite").path, "--salida",
            dir.appendingPathComponent("a/2017").path,
        ]
        let c = try runInforme(construirDeNuevo)
        #expect(c.status == 0, "\(c.stderr)")
        #expect(try Data(contentsOf: pdfA) == pdfAntes)
        #expect(try fechas() == fechasAntes, "ninguna gráfica cambió: ninguna se vuelve a dibujar")
        // One institution resubmits (another sample of EST09): the charts it moves are drawn again, the
        // others are left as they were, and each one is what a build from scratch draws.
        let otra = dir.appendingPathComponent("otra")
        #expect(try runInforme(["ejemplo", "--salida", otra.path, "--semilla", "99"]).status == 0)
        let est09 = dir.appendingPathComponent("a/ejemplo/2017/EST09_2017.xlsx")
        #expect(FileManager.default.fileExists(atPath: est09.path), "EST09 del ejemplo es un libro .xlsx")
        if FileManager.default.fileExists(atPath: est09.path) {
            try FileManager.default.removeItem(at: est09)
            try FileManager.default.copyItem(at: otra.appendingPathComponent("EST09_2017.xlsx"), to: est09)
            let d = try runInforme(construirDeNuevo)
            #expect(d.status == 0, "\(d.stderr)")
            let fechasDespues = try fechas()
            let redibujadas = fechasDespues.filter { fechasAntes[$0.key] != $0.value }.keys
            #expect(!redibujadas.isEmpty && redibujadas.count < fechasDespues.count, "\(redibujadas.sorted())")
            #expect(try Data(contentsOf: pdfA) != pdfAntes)
            // A build from scratch with the same envíos draws the very same chart files.
            try FileManager.default.createDirectory(
                at: dir.appendingPathComponent("e"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                at: dir.appendingPathComponent("a/ejemplo"), to: dir.appendingPathComponent("e/ejemplo"))
            let e = try runInforme([
                "construir", "--base", dir.appendingPathComponent("e/informe.sqlite").path, "--salida",
                dir.appendingPathComponent("e/2017").path,
            ])
            #expect(e.status == 0, "\(e.stderr)")
            for n in fechasDespues.keys {
                #expect(
                    try Data(contentsOf: carpetaGraficas.appendingPathComponent(n))
                        == Data(contentsOf: dir.appendingPathComponent("e/2017/graficas/\(n)")), "\(n)")
            }
            // The rebuild laid the PDF out with the text widths the previous build saved, and drew its
            // texts with the glyphs it shaped: the very same PDF as measuring and shaping everything again.
            for guardado in ["medidas-de-texto.bin", "glifos.bin"] {
                #expect(
                    FileManager.default.fileExists(
                        atPath: dir.appendingPathComponent("a/2017/interno/\(guardado)").path))
            }
            // The same store and folder without the saved widths and glyphs nor the envíos' parts of the
            // lineage: everything measured, shaped and worked out again, the same PDF and the same lineage.
            let f = dir.appendingPathComponent("f")
            try FileManager.default.copyItem(at: dir.appendingPathComponent("a"), to: f)
            try FileManager.default.removeItem(at: f.appendingPathComponent("2017/interno/medidas-de-texto.bin"))
            try FileManager.default.removeItem(at: f.appendingPathComponent("2017/interno/glifos.bin"))
            try FileManager.default.removeItem(
                at: f.appendingPathComponent("2017/interno/procedencia-por-envio.tsv"))
            let g = try runInforme([
                "construir", "--base", f.appendingPathComponent("informe.sqlite").path, "--salida",
                f.appendingPathComponent("2017").path,
            ])
            #expect(g.status == 0, "\(g.stderr)")
            #expect(
                try Data(contentsOf: pdfA) == Data(contentsOf: f.appendingPathComponent("2017/informe-anual-2017.pdf")),
                "el PDF reconstruido con las medidas guardadas es el de medir todo de nuevo")
            #expect(
                try Data(contentsOf: dir.appendingPathComponent("a/2017/interno/procedencia.csv"))
                    == Data(contentsOf: f.appendingPathComponent("2017/interno/procedencia.csv")),
                "la procedencia rehecha solo para EST09 es la de calcularla toda de nuevo")
            #expect(
                try Data(contentsOf: dir.appendingPathComponent("a/2017/interno/procedencia-por-envio.tsv"))
                    == Data(contentsOf: f.appendingPathComponent("2017/interno/procedencia-por-envio.tsv")))
        }

        // The contents' entries link to their pages (added after Cairo as an incremental update).
        let bytes = String(decoding: try Data(contentsOf: pdfA), as: UTF8.self)
        #expect(bytes.components(separatedBy: "/Subtype /Link").count - 1 >= 20)
        #expect(bytes.contains("/XYZ"))
        let (qpdf, _) = try herramienta(["qpdf", "--check", pdfA.path])
        #expect(qpdf == 0, "qpdf --check")
        let (_, fuentes) = try herramienta(["pdffonts", pdfA.path])
        let filasFuentes = fuentes.split(separator: "\n").dropFirst(2)
        #expect(!filasFuentes.isEmpty)
        for f in filasFuentes {
            let columnas = f.split(separator: " ", omittingEmptySubsequences: true)
            #expect(columnas.count >= 5 && columnas[columnas.count - 5] == "yes", "fuente sin incrustar: \(f)")
        }
        let (_, info) = try herramienta(["pdfinfo", pdfA.path])
        #expect(info.range(of: "Title: +Informe Anual 2017", options: .regularExpression) != nil)
        let paginas =
            Int(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "") ?? 0
        #expect(paginas >= 15)
        let (_, texto) = try herramienta(["pdftotext", "-layout", pdfA.path, "-"])
        #expect(texto.contains("Víctimas identificadas"))
        #expect(texto.contains("Armonización"))
        #expect(texto.contains("Índice"))
        #expect(texto.components(separatedBy: "DATOS SINTÉTICOS DE EJEMPLO — NO OFICIAL").count - 1 >= paginas)
        // No victim folio from the input reaches any output.
        #expect(texto.range(of: "-V-[0-9]{4}", options: .regularExpression) == nil)
        for archivo in ["datos/indicadores.csv", "datos/diccionario.csv", "manifiesto.json"] {
            let contenido = try String(contentsOf: dir.appendingPathComponent("a/2017/\(archivo)"), encoding: .utf8)
            #expect(contenido.range(of: "-V-[0-9]{4}", options: .regularExpression) == nil, "\(archivo)")
        }
        let manifiesto = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: dir.appendingPathComponent("a/2017/manifiesto.json"))) as? [String: Any])
        #expect(manifiesto["metodologia"] as? String == "2017.1")
        #expect((manifiesto["entradas"] as? [[String: Any]])?.count == 53)
        #expect((manifiesto["entradas"] as? [[String: Any]])?.first?["sha256"] is String)
        // The lineage is internal: linked from the manifest, outside the public open data.
        #expect(manifiesto["internas"] as? [String] == ["interno/procedencia.csv"])
        let procedencia = try String(
            contentsOf: dir.appendingPathComponent("a/2017/interno/procedencia.csv"), encoding: .utf8)
        #expect(procedencia.hasPrefix("indicador,anio,desagregacion,categoria,valor,numerador,denominador,instancia,"))
        #expect(procedencia.contains(",mapa-victimas-por-entidad,anexo-entidades\n"))
        #expect(procedencia.contains(",serie-p1,anexo-entidades indicadores serie\n"))
        #expect(
            !FileManager.default.fileExists(atPath: dir.appendingPathComponent("a/2017/datos/procedencia.csv").path))
        let graficas = try FileManager.default.contentsOfDirectory(
            atPath: dir.appendingPathComponent("a/2017/graficas").path)
        #expect(graficas.contains("piramide-victimas.png"))
    }
}
