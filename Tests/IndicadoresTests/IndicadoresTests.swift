import DatosEjemplo
import Foundation
import Indicadores
import Metodologia
import Testing
import Validacion

let raiz = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Sample data of a year, validated, as the indicator calculator receives it.
func datosDeEjemplo(_ anio: Int) throws -> (Metodologia, DatosAnio) {
    let m = try Metodologia.cargar(carpeta: raiz.appendingPathComponent("Instrumento/\(anio)"))
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ind-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let rutas = try GeneradorEjemplo(metodologia: m, semilla: 21).escribir(en: dir).filter {
        !$0.path.contains("con-errores")
    }
    var v = Validador(metodologia: m)
    v.conservarDatos = true
    let envios = rutas.map { ruta -> EnvioVigente in
        let r = v.validar(Envio(ruta: ruta))
        return EnvioVigente(instancia: r.instancia ?? "", version: 1, filas: r.datos.mapValues { $0.map(\.valores) })
    }
    return (m, DatosAnio(anio: anio, envios: envios, instanciasCatalogo: 53, aceptadasEnVersion1: envios.count))
}

@Suite("Indicadores")
struct IndicadoresTests {
    @Test func valoresCalculadosIndependientemente() throws {
        let (m, datos) = try datosDeEjemplo(2017)
        let resultados = CalculadorIndicadores(metodologia: m).calcular(datos)
        func valor(_ clave: String) -> Double? { resultados.first { $0.indicador.clave == clave }?.valor }
        func desglose(_ clave: String, _ por: String) -> [String: Double] {
            var out: [String: Double] = [:]
            for c in resultados.first(where: { $0.indicador.clave == clave })?.desgloses.first(where: { $0.por == por }
            )?.categorias ?? [] {
                out[c.clave] = c.valor
            }
            return out
        }
        // Independent computation over the same rows.
        func filas(_ hoja: String) -> [[String: Valor]] { datos.envios.flatMap { $0.filas[hoja] ?? [] } }
        func n(_ f: [String: Valor], _ c: String) -> Double { f[c]?.numero ?? 0 }
        let capacitacion = filas("Capacitacion")
        let p1 = capacitacion.reduce(0) { $0 + n($1, "total_personas") }
        #expect(valor("P1") == p1)
        #expect(desglose("P1", "sexo")["mujer"] == capacitacion.reduce(0) { $0 + n($1, "mujeres") })
        let servidores = capacitacion.filter { ($0["publico_objetivo"]?.texto ?? "").hasPrefix("servidores_publicos_") }
            .reduce(0) { $0 + n($1, "total_personas") }
        #expect(valor("P2") == ((servidores / p1 * 100) * 10_000).rounded() / 10_000)
        #expect(valor("P3") == Double(capacitacion.count))
        let victimas = filas("Victimas")
        #expect(valor("A1") == Double(victimas.count))
        #expect(desglose("A1", "sexo")["mujer"] == Double(victimas.filter { $0["sexo"] == .texto("mujer") }.count))
        #expect(
            desglose("A1", "entidad")["09"]
                == Double(victimas.filter { $0["entidad_identificacion"] == .texto("09") }.count))
        #expect(
            desglose("A1", "grupo_edad")["12_17"]
                == Double(victimas.filter { (12...17).contains(Int(n($0, "edad"))) && $0["edad"] != .nulo }.count))
        #expect(
            desglose("A1", "grupo_edad")["no_especificado"] == Double(victimas.filter { $0["edad"] == .nulo }.count))
        #expect(
            desglose("A1", "nacionalidad")["extranjera"]
                == Double(victimas.filter { $0["nacionalidad"] != .texto("MEX") }.count))
        var integrales = 0
        for envio in datos.envios {
            var tipos: [String: Set<String>] = [:]
            for a in envio.filas["Atenciones"] ?? [] {
                tipos[a["folio_victima"]?.texto ?? "", default: []].insert(a["tipo_atencion"]?.texto ?? "")
            }
            integrales +=
                (envio.filas["Victimas"] ?? []).filter {
                    tipos[$0["folio_victima"]?.texto ?? ""]?.isSuperset(of: ["medica", "psicologica", "juridica"])
                        == true
                }.count
        }
        #expect(valor("A2") == ((Double(integrales) / Double(victimas.count) * 100) * 10_000).rounded() / 10_000)
        let persecucion = filas("Persecucion")
        let j1 = persecucion.reduce(0) {
            $0 + n($1, "averiguaciones_previas_iniciadas") + n($1, "carpetas_investigacion_iniciadas")
        }
        #expect(valor("J1") == j1)
        #expect(
            desglose("J1", "fuero")["comun"]
                == persecucion.filter { $0["fuero"] == .texto("comun") }.reduce(0) {
                    $0 + n($1, "averiguaciones_previas_iniciadas") + n($1, "carpetas_investigacion_iniciadas")
                })
        let armonizacion = filas("Armonizacion")
        #expect(valor("R3") == Double(armonizacion.filter { $0["ley_armonizada"] == .texto("si") }.count))
        #expect(desglose("R3", "ley_armonizada").values.reduce(0, +) == 32)
        #expect(desglose("R4", "fiscalia_especializada").values.reduce(0, +) == 32)
        let corazon = Set(
            filas("Campanas").filter { $0["corazon_azul"] == .texto("si") }.compactMap { $0["entidad"]?.texto }.filter {
                $0 != "00"
            })
        #expect(valor("P4E") == Double(corazon.count))
        #expect(valor("R1") == ((53.0 / 53.0 * 100) * 10_000).rounded() / 10_000)
        // Every breakdown of a count adds up to its total.
        // (R3–R5 count every entidad per category instead: 32 in all.)
        for r in resultados where !r.indicador.esPorcentaje && !["R3", "R4", "R5"].contains(r.indicador.clave) {
            for d in r.desgloses where d.por != "nacionalidad" && d.por != "sexo" {
                #expect(d.categorias.compactMap(\.valor).reduce(0, +) == r.valor, "\(r.indicador.clave) por \(d.por)")
            }
        }
    }

    /// The lineage given the published figures shows the same values, numerators and denominators as
    /// the lineage that computes them itself, and the same envíos' parts.
    @Test func laProcedenciaConLasCifrasPublicadasEsLaMisma() throws {
        let (m, datos) = try datosDeEjemplo(2017)
        let c = CalculadorIndicadores(metodologia: m)
        let resultados = c.calcular(datos, publicable: true)
        let totales = TotalesProcedencia(c, datos)
        var revisadas = 0
        for indicador in m.indicadores {
            let propia = c.procedencias(de: indicador.clave, datos, totales)
            let publicada = c.procedencias(
                de: indicador.clave, datos, totales,
                publicado: { resultados.first { $0.indicador.clave == indicador.clave } })
            #expect(propia.count == publicada.count)
            for (a, b) in zip(propia, publicada) {
                #expect(a.categoria == b.categoria && a.desagregacion == b.desagregacion)
                #expect(a.valor == b.valor, "\(indicador.clave) \(a.desagregacion ?? "") \(a.categoria ?? "")")
                #expect(a.numerador == b.numerador && a.denominador == b.denominador)
                #expect(a.contribuciones == b.contribuciones)
                revisadas += 1
            }
        }
        #expect(revisadas > m.indicadores.count * 3)
        // The ratio P2 (servidores públicos over P1) keeps its denominator.
        let p2 = try #require(resultados.first { $0.indicador.clave == "P2" })
        #expect(p2.denominador == resultados.first { $0.indicador.clave == "P1" }?.valor)
        #expect(
            p2.valor == ((try #require(p2.numerador)) / (try #require(p2.denominador)) * 100 * 10_000).rounded()
                / 10_000)
    }

    /// The breakdowns computed on several threads, in whatever order they finish, give the results one
    /// thread gives, value by value (suppression marks included), and every indicator's breakdowns went
    /// to the runner.
    @Test func losDesglosesEnParaleloSonLosDeUnHilo() throws {
        let (m, datos) = try datosDeEjemplo(2017)
        let c = CalculadorIndicadores(metodologia: m)
        let enSerie = c.calcular(datos, totalesOtros: [], publicable: true)
        var pedidos = 0
        let enParalelo = c.calcular(datos, totalesOtros: [], publicable: true) { n, cuerpo in
            pedidos += n
            // Backwards, two at a time: any order must do.
            DispatchQueue.concurrentPerform(iterations: n) { k in cuerpo(n - 1 - k) }
        }
        #expect(pedidos == m.indicadores.count)
        #expect(enParalelo.count == enSerie.count)
        var categorias = 0
        for (a, b) in zip(enSerie, enParalelo) {
            #expect(a.indicador.clave == b.indicador.clave)
            #expect(a.valor == b.valor && a.numerador == b.numerador && a.denominador == b.denominador)
            #expect(a.desgloses.map(\.por) == b.desgloses.map(\.por), "\(a.indicador.clave)")
            for (x, y) in zip(a.desgloses, b.desgloses) {
                #expect(x.categorias == y.categorias, "\(a.indicador.clave) por \(x.por)")
                categorias += x.categorias.count
            }
        }
        #expect(categorias > 100)
    }

    /// The category indexes shared by the calculation and the lineage give what each builds alone; given
    /// other rows (another year), they are not used.
    @Test func losIndicesCompartidosDanLoMismo() throws {
        let (m, datos) = try datosDeEjemplo(2017)
        let c = CalculadorIndicadores(metodologia: m)
        let indices = IndicesDeCategorias(c, datos)
        let solos = c.calcular(datos, totalesOtros: [], publicable: true)
        let compartidos = c.calcular(datos, totalesOtros: [], publicable: true, indices: indices)
        for (a, b) in zip(solos, compartidos) {
            #expect(a.valor == b.valor)
            for (x, y) in zip(a.desgloses, b.desgloses) {
                #expect(x.categorias == y.categorias, "\(a.indicador.clave)")
            }
        }
        let totales = TotalesProcedencia(c, datos)
        for indicador in m.indicadores {
            let propia = c.procedencias(de: indicador.clave, datos, totales)
            let conIndices = c.procedencias(de: indicador.clave, datos, totales, indices: indices)
            #expect(propia.map(\.contribuciones) == conIndices.map(\.contribuciones), "\(indicador.clave)")
            #expect(propia.map(\.valor) == conIndices.map(\.valor))
        }
        // Indexes of other rows: not used (the same results as without them).
        let (m16, datos16) = try datosDeEjemplo(2016)
        let c16 = CalculadorIndicadores(metodologia: m16)
        let ajenos = c16.calcular(datos16, totalesOtros: [], publicable: true, indices: indices)
        let propios = c16.calcular(datos16, totalesOtros: [], publicable: true)
        for (a, b) in zip(ajenos, propios) {
            for (x, y) in zip(a.desgloses, b.desgloses) { #expect(x.categorias == y.categorias) }
        }
    }

    @Test func publicableSuprimeVictimasPorEntidad() throws {
        let (m, datos) = try datosDeEjemplo(2017)
        let r = CalculadorIndicadores(metodologia: m).calcular(datos, publicable: true)
        let a1 = try #require(r.first { $0.indicador.clave == "A1" })
        let porEntidad = try #require(a1.desgloses.first { $0.por == "entidad" })
        for c in porEntidad.categorias {
            if let v = c.valor, (1...4).contains(Int(v)) { #expect(c.supresion == .primaria) }
        }
        #expect(porEntidad.categorias.filter { $0.supresion != nil }.count != 1)
        // National one-variable totals are not suppressed.
        #expect(a1.desgloses.first { $0.por == "sexo" }?.categorias.allSatisfy { $0.supresion == nil } == true)
        // Entity breakdowns of non-victim sheets are not either.
        let j1 = try #require(r.first { $0.indicador.clave == "J1" })
        #expect(j1.desgloses.allSatisfy { $0.categorias.allSatisfy { $0.supresion == nil } })
    }

    @Test func serieYSemaforo() throws {
        let (m, datos) = try datosDeEjemplo(2017)
        var calculador = CalculadorIndicadores(metodologia: m)
        calculador.historico = CalculadorIndicadores.leerHistorico(
            raiz.appendingPathComponent("Instrumento/historico.csv"))
        let r = calculador.calcular(datos)
        let p1 = try #require(r.first { $0.indicador.clave == "P1" })
        #expect(p1.serie.map(\.anio) == [2013, 2014, 2015, 2017])
        #expect(p1.serie.first?.valor == 15200)
        // P1: base 18,000 (2014), meta 60,000: expected in 2017 = 18,000 + 42,000 × 3/4 = 49,500.
        let v = try #require(p1.valor)
        let esperado: ResultadoIndicador.Semaforo = v / 49_500 >= 1 ? .verde : (v / 49_500 >= 0.9 ? .amarillo : .rojo)
        #expect(p1.semaforo == esperado)
        #expect(r.first { $0.indicador.clave == "P3H" }?.semaforo == nil)
    }

}
