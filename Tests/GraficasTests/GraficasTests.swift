import Charts
import DatosEjemplo
import Foundation
import Graficas
import Indicadores
import Metodologia
import Testing
import Validacion

let raiz = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

@Suite("Gráficas del informe")
struct GraficasTests {
    @Test func graficasDesdeLosIndicadores() throws {
        let m = try Metodologia.cargar(carpeta: raiz.appendingPathComponent("Instrumento/2017"))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("graf-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let rutas = try GeneradorEjemplo(metodologia: m, semilla: 8).escribir(en: dir).filter {
            !$0.path.contains("con-errores")
        }
        var v = Validador(metodologia: m)
        v.conservarDatos = true
        let envios = rutas.map { ruta -> EnvioVigente in
            let r = v.validar(Envio(ruta: ruta))
            return EnvioVigente(
                instancia: r.instancia ?? "", version: 1, filas: r.datos.mapValues { $0.map(\.valores) })
        }
        let datos = DatosAnio(anio: 2017, envios: envios, instanciasCatalogo: 53, aceptadasEnVersion1: 53)
        var calculador = CalculadorIndicadores(metodologia: m)
        calculador.historico = CalculadorIndicadores.leerHistorico(
            raiz.appendingPathComponent("Instrumento/historico.csv"))
        let resultados = calculador.calcular(datos, publicable: true)
        let rejilla = GraficasInforme.leerRejilla(raiz.appendingPathComponent("Instrumento/rejilla_entidades.csv"))
        #expect(rejilla.tiles.count == 32)
        #expect(Set(rejilla.tiles.map { "\($0.row),\($0.column)" }).count == 32, "ninguna casilla repetida")
        #expect(Set(rejilla.tiles.map(\.id)) == Set(m.catalogos["entidades"]!.entradas.map(\.clave)))
        let graficas = GraficasInforme(metodologia: m, rejilla: rejilla).graficas(resultados, datos: datos)
        let nombres = graficas.map(\.archivo)
        for esperado in [
            "victimas-por-sexo", "victimas-por-modalidad", "piramide-victimas", "mapa-victimas-por-entidad", "serie-p1",
            "mapa-armonizacion", "capacitacion-por-sexo",
        ] {
            #expect(nombres.contains(esperado))
        }
        let sexo = try #require(graficas.first { $0.archivo == "victimas-por-sexo" })
        let a1 = try #require(resultados.first { $0.indicador.clave == "A1" })
        let mujeres = a1.desgloses.first { $0.por == "sexo" }?.categorias.first { $0.clave == "mujer" }?.valor
        #expect(sexo.spec.categories.first == "Mujer")
        #expect(sexo.spec.series[0].values.first == mujeres)
        // The pyramid is a two-variable cross: small counts are suppressed and never drawn at size.
        let piramide = try #require(graficas.first { $0.archivo == "piramide-victimas" })
        for s in piramide.spec.series {
            for (i, v) in s.values.enumerated() {
                if let v { #expect(v == 0 || v >= 5 || s.isSuppressed(i)) }
                if s.isSuppressed(i) { #expect(v == nil) }
            }
        }
        // Every chart carries its title, source and the year.
        for g in graficas {
            #expect(!g.spec.title.isEmpty)
            #expect(g.spec.source.hasPrefix("Fuente:"))
            #expect((g.spec.subtitle ?? "").contains("2017") || g.spec.source.contains("2017"))
        }
    }
}
