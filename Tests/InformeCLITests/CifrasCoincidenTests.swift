import ApoyoPruebas
import Foundation
import Testing

/// The PDF read back as text, as a publication editor would: for each chapter, the figures quoted
/// in the text equal those of its table, the annex and the published open data.
@Suite("Las cifras del informe coinciden", .serialized)
struct CifrasCoincidenTests {
    @Test func textoCuadrosAnexoYDatosAbiertos() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("informe-cifras-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runInforme([
            "construir", "--base", dir.appendingPathComponent("a.sqlite").path, "--salida",
            dir.appendingPathComponent("2017").path,
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let texto = textoCorrido(try textoDelPDF(dir.appendingPathComponent("2017/informe-anual-2017.pdf")))
        func numero(_ patron: String) -> Int? {
            guard let rango = texto.range(of: patron, options: .regularExpression) else { return nil }
            let digitos = texto[rango].reversed().drop { !$0.isNumber }.prefix { $0.isNumber || $0 == "," }
            return Int(String(digitos.reversed()).replacingOccurrences(of: ",", with: ""))
        }
        func totalDelCuadro(_ titulo: String) -> Int? {
            // The caption in the body (the list of tables at the front names it first).
            guard let inicio = texto.range(of: titulo, options: .backwards) else { return nil }
            let resto = texto[inicio.upperBound...]
            guard let total = resto.range(of: #"Total [0-9,]+"#, options: .regularExpression) else { return nil }
            return Int(resto[total].dropFirst(6).replacingOccurrences(of: ",", with: ""))
        }
        // The published open data (the figures behind the charts).
        let datos = try String(contentsOf: dir.appendingPathComponent("2017/datos/indicadores.csv"), encoding: .utf8)
        func publicado(_ clave: String, _ desagregacion: String = "total", _ categoria: String = "") -> Int? {
            let prefijo = "\(clave),2017,\(desagregacion),\(categoria),"
            return datos.split(separator: "\n").first { $0.hasPrefix(prefijo) }.flatMap {
                Int($0.dropFirst(prefijo.count))
            }
        }
        // Chapter 1: people trained.
        let p1Texto = try #require(numero(#"a las que asistieron [0-9,]+ personas"#))
        #expect(p1Texto == publicado("P1"))
        #expect(p1Texto == totalDelCuadro("Personas capacitadas o sensibilizadas por público objetivo"))
        // Chapter 2: victims, and women among them.
        let a1Texto = try #require(numero(#"Las instancias registraron [0-9,]+ víctimas"#))
        #expect(a1Texto == publicado("A1"))
        #expect(a1Texto == totalDelCuadro("Víctimas identificadas por modalidad"))
        #expect(numero(#"De ellas, [0-9,]+ fueron mujeres"#) == publicado("A1", "sexo", "mujer"))
        let a3Texto = try #require(numero(#"Se otorgaron [0-9,]+ atenciones"#))
        #expect(a3Texto == publicado("A3"))
        #expect(a3Texto == totalDelCuadro("Atenciones otorgadas por tipo"))
        // Chapter 3: investigations.
        let j1Texto = try #require(numero(#"iniciaron [0-9,]+ investigaciones"#))
        #expect(j1Texto == publicado("J1"))
        #expect(j1Texto == totalDelCuadro("Investigaciones iniciadas por fuero"))
        #expect(numero(#"[0-9,]+ del fuero federal"#) == publicado("J1", "fuero", "federal"))
        // The annex's national row.
        let nacional = try #require(
            texto.range(of: #"Nacional [0-9,]+ [0-9,]+ [0-9,]+ [0-9,]+"#, options: .regularExpression))
        let columnas = texto[nacional].split(separator: " ").dropFirst().map {
            Int($0.replacingOccurrences(of: ",", with: ""))
        }
        #expect(columnas == [a1Texto, j1Texto, publicado("J3"), p1Texto])
        // A column that does not sum to the national row says what lies outside the states.
        let estatal = try #require(numero(#"«Personas capacitadas»: las entidades suman [0-9,]+"#))
        let nacionales = try #require(numero(#"de [0-9,]+; [0-9,]+ corresponden a acciones de alcance nacional"#))
        #expect(estatal + nacionales == p1Texto)
        // The pyramid says how many records without sex it leaves out.
        #expect(texto.contains("con sexo no especificado"))
    }
}
