import DatosEjemplo
import Foundation
import Metodologia
import Testing
import Validacion

@Suite("Envíos de ejemplo")
struct EjemploTests {
    @Test(arguments: [2017, 2016])
    func validanSinHallazgos(_ anio: Int) throws {
        let m = try metodologia(anio)
        let dir = carpetaTemporal()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rutas = try GeneradorEjemplo(metodologia: m, semilla: 7).escribir(en: dir)
        let principales = rutas.filter { !$0.path.contains("con-errores") }
        #expect(principales.count == 53)
        var v = Validador(metodologia: m)
        v.conservarDatos = true
        var victimas = 0
        var mujeres = 0
        var investigaciones = 0.0
        var sentencias = 0.0
        var formatos = Set<String>()
        for ruta in principales {
            formatos.insert(ruta.pathExtension == "xlsx" ? "xlsx" : "csv")
            let r = v.validar(Envio(ruta: ruta))
            #expect(r.hallazgos.isEmpty, "\(r.archivo): \(r.hallazgos.prefix(3).map(\.mensaje))")
            #expect(r.instancia != nil)
            for fila in r.datos["Victimas"] ?? [] {
                victimas += 1
                if fila.valores["sexo"] == .texto("mujer") { mujeres += 1 }
            }
            for fila in r.datos["Persecucion"] ?? [] {
                investigaciones +=
                    (fila.valores["averiguaciones_previas_iniciadas"]?.numero ?? 0)
                    + (fila.valores["carpetas_investigacion_iniciadas"]?.numero ?? 0)
                sentencias += fila.valores["sentencias_condenatorias"]?.numero ?? 0
            }
        }
        #expect(formatos == ["xlsx", "csv"])
        #expect((850...1200).contains(victimas), "víctimas: \(victimas)")
        #expect(Double(mujeres) / Double(victimas) > 0.8)
        #expect((400...650).contains(investigaciones), "investigaciones: \(investigaciones)")
        #expect((130...230).contains(sentencias), "sentencias: \(sentencias)")
    }

    @Test func esDeterminista() throws {
        let m = try metodologia()
        let a = carpetaTemporal()
        let b = carpetaTemporal()
        defer {
            try? FileManager.default.removeItem(at: a)
            try? FileManager.default.removeItem(at: b)
        }
        try GeneradorEjemplo(metodologia: m, semilla: 3).escribir(en: a)
        try GeneradorEjemplo(metodologia: m, semilla: 3).escribir(en: b)
        let x = try Data(contentsOf: a.appendingPathComponent("SEGOB_2017.xlsx"))
        let y = try Data(contentsOf: b.appendingPathComponent("SEGOB_2017.xlsx"))
        #expect(x == y)
    }

    @Test func copiasConErrores() throws {
        let m = try metodologia()
        let dir = carpetaTemporal()
        defer { try? FileManager.default.removeItem(at: dir) }
        try GeneradorEjemplo(metodologia: m, semilla: 2017).escribir(en: dir)
        let v = Validador(metodologia: m)
        let errores = dir.appendingPathComponent("con-errores")
        let sct = v.validar(Envio(ruta: errores.appendingPathComponent("SCT_2017_anio-equivocado.xlsx")))
        #expect(tuplas(sct) == ["B3 identificacion-invalida", "C3 instrumento-version"])
        #expect(
            sct.hallazgos.map(\.mensaje) == [
                "El año reportado es 2016, pero este instrumento es del año 2017. Escriba 2017 o use el instrumento de su año.",
                "La versión del instrumento es «2016.1», pero la vigente es 2017.1. Descargue la plantilla 2017.1 y copie sus datos en ella.",
            ])
        let todos = try FileManager.default.contentsOfDirectory(atPath: errores.path)
        #expect(todos.count == 4)
        let sep = v.validar(Envio(ruta: errores.appendingPathComponent("SEP_2017_capacitacion-con-errores.xlsx")))
        #expect(sep.hallazgos.map(\.codigo) == ["suma-inconsistente", "regla-incumplida"])
        #expect(sep.hallazgos.map(\.celda) == ["M3", "C4"])
        #expect(sep.hallazgos.map(\.regla) == ["R-CAP-02", "R-CAP-01"])
        let est = v.validar(Envio(ruta: errores.appendingPathComponent("EST09_2017_victimas-con-errores.xlsx")))
        let filas = try #require(est.hallazgos.last?.fila)
        #expect(
            tuplas(est) == [
                "C3 fuera-de-catalogo", "D4 fuera-de-rango", "B5 fecha-fuera-de-periodo", "A\(filas) duplicado",
            ])
        #expect(est.hallazgos[3].mensaje.contains("ya aparece en la fila 7"))
        let ceav = v.validar(Envio(ruta: errores.appendingPathComponent("CEAV_2017_folio-inexistente.xlsx")))
        #expect(tuplas(ceav) == ["A3 referencia-inexistente"])
        #expect(
            ceav.hallazgos[0].mensaje
                == "«CEAV-V-9999» no existe en la hoja Victimas de este envío. Registre primero a la víctima en esa hoja o corrija el folio."
        )
        #expect(est.hallazgos[0].mensaje.contains("¿Quiso decir «Mujer»?"))
    }
}
