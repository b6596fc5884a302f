import Almacen
import DatosEjemplo
import Foundation
import Indicadores
import Metodologia
import Servicios
import Testing
import Validacion

/// A store with the 2017 sample loaded, shared by the lineage tests.
final class AlmacenDeEjemplo: @unchecked Sendable {
    static let compartido = AlmacenDeEjemplo()
    let dir = carpetaTemporal()
    private var almacen: (any Almacen)?
    private let cerrojo = NSLock()

    func obtener() throws -> any Almacen {
        cerrojo.lock()
        defer { cerrojo.unlock() }
        if let almacen { return almacen }
        let m = try instrumentos.metodologia(anio: 2017)
        try GeneradorEjemplo(metodologia: m, semilla: 7).escribir(en: dir.appendingPathComponent("e"))
        let a = try Almacenes.abrir(dir.appendingPathComponent("a.sqlite").path, crear: true)
        _ = Cargador(instrumentos: instrumentos, almacen: a).cargar(
            EnviosEnCarpeta.buscar(dir.appendingPathComponent("e")), metodologia: m)
        almacen = a
        return a
    }
}

@Suite("Procedencia de las cifras")
struct ProcedenciaTests {
    @Test func lasPartesSumanElNumeradorEnCadaCifra() throws {
        let almacen = try AlmacenDeEjemplo.compartido.obtener()
        let m = try instrumentos.metodologia(anio: 2017)
        let rastreo = Rastreo(instrumentos: instrumentos, almacen: almacen)
        let todas = try rastreo.todas(anio: 2017, metodologia: m)
        let (resultados, _) = try IndicadoresDelAlmacen(instrumentos: instrumentos, almacen: almacen).calcular(
            anio: 2017, metodologia: m, publicable: false)
        var revisadas = 0
        for r in todas {
            let p = r.procedencia
            let suma = p.contribuciones.reduce(0.0) { $0 + $1.numerador }
            #expect(
                abs(suma - (p.numerador ?? 0)) < 1e-9, "\(p.indicador) \(p.desagregacion ?? "") \(p.categoria ?? "")")
            // The value equals the published (internal) figure.
            let publicado = try #require(resultados.first { $0.indicador.clave == p.indicador })
            if let d = p.desagregacion {
                let c = publicado.desgloses.first { $0.por == d }?.categorias.first { $0.clave == p.categoria }
                #expect(c?.valor == p.valor, "\(p.indicador) \(d) \(p.categoria ?? "")")
            } else {
                #expect(publicado.valor == p.valor, "\(p.indicador)")
            }
            // Every contribution names a vigente envío with its SHA-256 and file.
            for (c, reg) in zip(p.contribuciones, r.registros) {
                #expect(reg.instancia == c.instancia && reg.version == c.version && reg.sha256.count == 64)
            }
            revisadas += 1
        }
        #expect(revisadas >= m.indicadores.count)
    }

    @Test func victimasMujeresCalculadasAParte() throws {
        let almacen = try AlmacenDeEjemplo.compartido.obtener()
        let m = try instrumentos.metodologia(anio: 2017)
        let r = try Rastreo(instrumentos: instrumentos, almacen: almacen).rastrear(
            "A1", anio: 2017, desagregacion: "sexo", categoria: "mujer", metodologia: m)
        // Independently: every vigente envío's Victimas rows with sexo = mujer, from the store.
        let hoja = try #require(m.hoja("Victimas"))
        var esperado: [String: [Int]] = [:]
        for v in try almacen.vigentes(anio: 2017) {
            let filas = try almacen.filasNumeradas(envio: v.id, hoja: hoja).filter {
                $0.valores["sexo"] == .texto("mujer")
            }
            if !filas.isEmpty { esperado[v.instancia ?? ""] = filas.map(\.fila) }
        }
        #expect(r.procedencia.numerador == Double(esperado.values.reduce(0) { $0 + $1.count }))
        #expect(
            Dictionary(
                uniqueKeysWithValues: r.procedencia.contribuciones.map { ($0.instancia, $0.filas["Victimas"] ?? []) })
                == esperado)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.json.utf8)) as? [String: Any])
        #expect(
            Set(json.keys) == [
                "indicador", "anio", "desagregacion", "categoria", "valor", "numerador", "denominador",
                "contribuciones",
            ])
        let primera = try #require((json["contribuciones"] as? [[String: Any]])?.first)
        #expect(
            Set(primera.keys) == [
                "instancia", "version", "sha256", "archivo", "hoja", "filas", "numerador", "denominador",
            ])
    }

    @Test func consultasInvalidasDicenQueExiste() throws {
        let almacen = try AlmacenDeEjemplo.compartido.obtener()
        let rastreo = Rastreo(instrumentos: instrumentos, almacen: almacen)
        #expect(throws: ErrorServicio.self) { try rastreo.rastrear("Z9", anio: 2017) }
        do {
            _ = try rastreo.rastrear("A1", anio: 2017, desagregacion: "color", categoria: "azul")
        } catch {
            #expect(error.esDeUso)
            #expect(error.mensaje.contains("no se desagrega por «color»"))
        }
        #expect(Rastreo.Resultado.rangos([2, 3, 4, 7, 9, 10]) == "2–4, 7, 9–10")
    }
}

@Suite("Comparación de versiones")
struct ComparacionTests {
    /// Loads EST09's sample, then versions made from it by `cambios`; returns the store.
    func versiones(_ cambios: [([FilaValidada]) -> [FilaValidada]], hoja: String) throws -> (any Almacen, URL) {
        let m = try instrumentos.metodologia(anio: 2017)
        let dir = carpetaTemporal()
        try GeneradorEjemplo(metodologia: m, semilla: 7).escribir(en: dir.appendingPathComponent("e"))
        let almacen = try Almacenes.abrir(dir.appendingPathComponent("a.sqlite").path, crear: true)
        let cargador = Cargador(instrumentos: instrumentos, almacen: almacen)
        _ = cargador.cargar(EnviosEnCarpeta.buscar(dir.appendingPathComponent("e")), metodologia: m)
        var v = cargador.validador(m)
        v.conservarDatos = true
        var resultado = v.validar(Envio(ruta: dir.appendingPathComponent("e/EST09_2017.xlsx")))
        for (i, cambio) in cambios.enumerated() {
            resultado.datos[hoja] = cambio(resultado.datos[hoja] ?? [])
            _ = try cargador.cargar(resultado, sha256: "version-\(i + 2)", metodologia: m)
        }
        return (almacen, dir)
    }

    @Test func celdaCambiadaFilaEliminadaYAgregada() throws {
        var eliminada = ""
        var cambiada = ""
        let (almacen, dir) = try versiones(
            [
                { filas in
                    var f = filas
                    eliminada = f[1].valores["folio_victima"]?.texto ?? ""
                    f.remove(at: 1)
                    cambiada = f[0].valores["folio_victima"]?.texto ?? ""
                    f[0].valores["sexo"] = f[0].valores["sexo"] == .texto("mujer") ? .texto("hombre") : .texto("mujer")
                    var nueva = f[0]
                    nueva.fila = 900
                    nueva.valores["folio_victima"] = .texto("EST09-V-NUEVA")
                    f.append(nueva)
                    return f
                }
            ], hoja: "Victimas")
        defer { try? FileManager.default.removeItem(at: dir) }
        let c = try Comparador(instrumentos: instrumentos, almacen: almacen).comparar(instancia: "EST09", anio: 2017)
        #expect((c.de, c.a) == (1, 2))
        #expect(c.hojas.map(\.hoja) == ["Victimas"])
        let h = try #require(c.hojas.first)
        #expect(h.agregadas == ["EST09-V-NUEVA"])
        #expect(h.eliminadas == [eliminada])
        #expect(h.modificadas.map(\.clave) == [cambiada])
        #expect(h.modificadas.first?.campo == "sexo")
        // A1 national: one row removed, one added: the same total; by sex it moves.
        #expect(!c.indicadores.contains { $0.indicador == "A1" && $0.desagregacion == nil })
        #expect(c.indicadores.contains { $0.indicador == "A1" && $0.desagregacion == "sexo" })
        let json = try #require(try JSONSerialization.jsonObject(with: Data(c.json.utf8)) as? [String: Any])
        #expect(Set(json.keys) == ["instancia", "anio", "de", "a", "hojas", "indicadores"])
    }

    @Test func filasReordenadasNoSonCambioYLlaveCambiadaSonDos() throws {
        let (almacen, dir) = try versiones(
            [
                { $0.reversed() },
                { filas in
                    var f = Array(filas.reversed())
                    f[0].valores["folio_victima"] = .texto("EST09-V-RENOMBRADA")
                    return f
                },
            ], hoja: "Victimas")
        defer { try? FileManager.default.removeItem(at: dir) }
        let comparador = Comparador(instrumentos: instrumentos, almacen: almacen)
        let igual = try comparador.comparar(instancia: "EST09", anio: 2017, versiones: (1, 2))
        #expect(igual.hojas.isEmpty)
        #expect(igual.indicadores.isEmpty)
        let renombrada = try comparador.comparar(instancia: "EST09", anio: 2017, versiones: (1, 3))
        let h = try #require(renombrada.hojas.first)
        #expect(h.agregadas == ["EST09-V-RENOMBRADA"])
        #expect(h.eliminadas.count == 1)
        #expect(h.modificadas.isEmpty)
        do {
            _ = try comparador.comparar(instancia: "EST09", anio: 2017, versiones: (1, 9))
            Issue.record("la versión 9 no existe")
        } catch {
            #expect(error.mensaje.contains("no tiene versión 9"))
        }
    }

    @Test func hojaSinLlaveSeComparaComoConjunto() throws {
        let m = try instrumentos.metodologia(anio: 2017)
        let sinLlave = try #require(
            m.hojas.first { h in !h.campos.contains(where: \.unico) && h.clave == "Persecucion" })
        var anterior = 0.0
        let (almacen, dir) = try versiones(
            [
                { filas in
                    var f = Array(filas.reversed())
                    anterior = f.first?.valores["operativos"]?.numero ?? 0
                    if !f.isEmpty { f[0].valores["operativos"] = .numero(999) }
                    return f
                }
            ], hoja: sinLlave.clave)
        defer { try? FileManager.default.removeItem(at: dir) }
        let c = try Comparador(instrumentos: instrumentos, almacen: almacen).comparar(instancia: "EST09", anio: 2017)
        let h = try #require(c.hojas.first { $0.hoja == "Persecucion" })
        #expect(h.agregadas.count == 1)
        #expect(h.eliminadas.count == 1)
        #expect(h.agregadas.first?.hasPrefix("fila ") == true)
        // The national number of operativos moves by exactly the changed cell.
        let clave = try #require(
            m.indicadores.first { DatosAbiertos.describir($0.numerador) == "suma(Persecucion, operativos)" }?.clave)
        let efecto = try #require(c.indicadores.first { $0.indicador == clave && $0.desagregacion == nil })
        #expect((efecto.despues ?? 0) - (efecto.antes ?? 0) == 999 - anterior)
    }
}
