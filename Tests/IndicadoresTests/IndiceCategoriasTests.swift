import Foundation
import Metodologia
import Testing

@testable import Indicadores

@Suite("Índice de las filas de cada categoría")
struct IndiceCategoriasTests {
    /// Every breakdown of every indicator: the index lists, for each envío and category, exactly the rows
    /// a row-by-row look at the category field gives, ascending, and no category more or less.
    @Test func coincideConMirarCadaFila() throws {
        let (m, datos) = try datosDeEjemplo(2017)
        let calculador = CalculadorIndicadores(metodologia: m)
        var revisadas = 0
        for indicador in m.indicadores {
            guard let hoja = calculador.hojaDe(indicador.numerador) else { continue }
            for d in indicador.desagregaciones where d.partes.isEmpty {
                let indice = IndiceCategorias(calculador: calculador, desagregacion: d, datos: datos)
                var esperadas: [String: [Int: [Int]]] = [:]
                for (k, envio) in datos.envios.enumerated() {
                    for (i, fila) in (envio.filas[hoja] ?? []).enumerated() {
                        // The field itself (or the instancia, or the age group), read here without the index.
                        let c: String?
                        if d.por == "instancia" {
                            c = envio.instancia
                        } else if let origen = d.derivadoDe {
                            if case .numero(let edad)? = fila[origen] {
                                c =
                                    m.gruposDeEdad.first { Double($0.desde) <= edad && edad <= Double($0.hasta) }?
                                    .clave ?? "no_especificado"
                            } else {
                                c = "no_especificado"
                            }
                        } else if case .texto(let t)? = fila[d.campo ?? d.por] {
                            c = t
                        } else {
                            c = nil
                        }
                        if let c { esperadas[c, default: [:]][k, default: []].append(i) }
                    }
                }
                #expect(Set(indice.categorias(hoja)) == Set(esperadas.keys), "\(indicador.clave) por \(d.por)")
                for (c, porEnvio) in esperadas {
                    for k in datos.envios.indices {
                        #expect(indice.filas(hoja, envio: k, categoria: c) == (porEnvio[k] ?? []))
                    }
                }
                #expect(indice.filas(hoja, envio: 0, categoria: "categoria-que-no-existe").isEmpty)
                revisadas += 1
            }
        }
        // The 2017 methodology breaks down by sex, age group, entidad, instancia, country…
        #expect(revisadas >= 15)
    }
}
