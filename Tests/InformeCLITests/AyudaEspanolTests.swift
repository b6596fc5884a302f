import ApoyoPruebas
import Foundation
import Testing

/// Help, usage errors and suggestions entirely in Spanish.
@Suite("Ayuda y errores de uso en español")
struct AyudaEspanolTests {
    static let ordenes = [
        "", "volcar", "validar", "ejemplo", "cargar", "envios", "indicadores", "plantilla", "graficas", "construir",
        "rastrear", "comparar", "servir", "claves", "claves crear", "claves revocar", "claves lista",
    ]
    static let ingles = [
        "OVERVIEW", "USAGE", "OPTIONS", "ARGUMENTS", "SUBCOMMANDS", "Show help information", "Show the version",
        "default:", "values:", "See '", "Missing expected argument", "Unknown option", "Did you mean",
    ]

    @Test(arguments: ordenes)
    func ayudaSinIngles(_ orden: String) throws {
        let r = try runInforme(orden.split(separator: " ").map(String.init) + ["--help"])
        #expect(r.status == 0)
        for palabra in Self.ingles { #expect(!r.stdout.contains(palabra), "«\(palabra)» en la ayuda de «\(orden)»") }
        #expect(r.stdout.contains("Ejemplo"), "la ayuda de «\(orden)» no tiene ejemplo")
        #expect(r.stdout.contains("USO:"))
    }

    @Test func ordenYOpcionMalEscritasSugierenLaCorrecta() throws {
        let orden = try runInforme(["validr", "x.xlsx"])
        #expect(orden.status == 2)
        #expect(orden.stderr.contains("«validr» no es una orden de informe. ¿Quiso decir «validar»?"))
        let opcion = try runInforme(["validar", "--anoi", "2017", "x.xlsx"])
        #expect(opcion.status == 2)
        #expect(opcion.stderr.contains("opción desconocida «--anoi» para «informe validar». ¿Quiso decir «--anio»?"))
        let falta = try runInforme(["validar"])
        #expect(falta.status == 2)
        #expect(falta.stderr.contains("Error: falta el argumento «<envios> ...»"))
        let valor = try runInforme(["validar", "--formato", "xml", "x.xlsx"])
        #expect(
            valor.stderr.contains(
                "el valor «xml» no es válido para «--formato <formato>». Use uno de «texto» y «json»."))
        for salida in [orden, opcion, falta, valor] {
            for palabra in Self.ingles { #expect(!salida.stderr.contains(palabra), "«\(palabra)»: \(salida.stderr)") }
        }
    }
}
