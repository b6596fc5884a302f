import Foundation
import Metodologia
import Testing

let raiz = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func cargar(_ anio: Int) throws -> Metodologia {
    try Metodologia.cargar(carpeta: raiz.appendingPathComponent("Instrumento/\(anio)"))
}

@Suite("Metodología como datos")
struct MetodologiaTests {
    @Test func carga2017() throws {
        let m = try cargar(2017)
        #expect(m.anio == 2017)
        #expect(m.version == "2017.1")
        #expect(m.periodo.inicio == Fecha(anio: 2017, mes: 1, dia: 1))
        #expect(m.periodo.fin == Fecha(anio: 2017, mes: 12, dia: 31))
        #expect(
            m.hojas.map(\.clave) == [
                "Identificacion", "Capacitacion", "Campanas", "Victimas", "Atenciones", "Persecucion", "Armonizacion",
                "Albergues",
            ])
        #expect(m.umbralConfidencialidad == 5)
        let fecha = try #require(m.hoja("Victimas")?.campo("fecha_identificacion"))
        #expect(fecha.etiqueta == "Fecha de identificación")
        #expect(fecha.tipo == .fecha)
        #expect(fecha.requerido)
        #expect(m.hoja("Capacitacion")?.campo("entidad")?.tipo == .catalogo("entidades", extras: ["00"]))
        #expect(m.hoja("Capacitacion")?.campo("horas")?.maximo == 500)
        #expect(m.hoja("Identificacion")?.campo("anio_reportado")?.igualA == "2017")
        #expect(m.hoja("Identificacion")?.unaFila == true)
        #expect(m.indicadores.count == 21)
        #expect(m.reglas.filter { $0.clave == "R-CAP-01" }.count == 2)
        #expect(Set(m.reglas.map(\.clave)).count == 21)
    }

    @Test func carga2016SinAlberguesNiSinEspecificar() throws {
        let m = try cargar(2016)
        #expect(m.version == "2016.1")
        #expect(m.hoja("Albergues") == nil)
        #expect(m.hoja("Capacitacion")?.campo("sin_especificar") == nil)
        #expect(m.hoja("Victimas")?.campo("estado_civil") == nil)
        #expect(m.hoja("Victimas")?.campo("lugar_destino") == nil)
        guard case .condicion(_, let texto)? = m.reglas.first(where: { $0.clave == "R-CAP-02" })?.tipo else {
            Issue.record("R-CAP-02 debería ser una condición")
            return
        }
        #expect(texto == "total_personas = mujeres + hombres")
    }

    @Test func catalogos() throws {
        let m = try cargar(2017)
        let sexo = try #require(m.catalogos["sexo"])
        #expect(sexo.clave(para: "Mujer") == "mujer")
        #expect(sexo.clave(para: "  FEMENINO ") == "mujer")
        #expect(sexo.clave(para: "mujr") == nil)
        #expect(sexo.sugerencia(para: "Mujr") == "Mujer")
        let entidades = try #require(m.catalogos["entidades"])
        #expect(entidades.clave(para: "9") == "09")
        #expect(entidades.clave(para: "09") == "09")
        #expect(entidades.clave(para: "ciudad de mexico") == "09")
        #expect(entidades.clave(para: "Ags.") == "01")
        #expect(m.catalogos["paises"]?.clave(para: "MX") == "MEX")
        #expect(m.catalogos["si_no"]?.clave(para: "Sí") == "si")
        #expect(m.catalogos["modalidades"]?.entrada("adopcion_ilegal")?.atributos["solo_menores"] == "si")
        #expect(m.catalogos["instancias"]?.clave(para: "Procuraduría General de la República") == "PGR")
    }

    @Test func normalizacion() {
        #expect(normalizar("  Fecha_de   Identificación ") == "fecha de identificacion")
        #expect(normalizar("AÑO") == "ano")
    }

    @Test func problemasConArchivoYLinea() throws {
        let carpeta = FileManager.default.temporaryDirectory.appendingPathComponent("metodologia-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: raiz.appendingPathComponent("Instrumento/2017"), to: carpeta)
        defer { try? FileManager.default.removeItem(at: carpeta) }
        var hojas = try String(contentsOf: carpeta.appendingPathComponent("hojas.yaml"), encoding: .utf8)
        hojas = hojas.replacingOccurrences(of: "tipo: \"catalogo:sexo\"", with: "tipo: \"catalogo:generos\"")
        hojas = hojas.replacingOccurrences(
            of: "      - {clave: cargo,",
            with: "      - {clave: responsable, etiqueta: Otra, tipo: texto, requerido: \"no\"}\n      - {clave: cargo,"
        )
        try hojas.write(to: carpeta.appendingPathComponent("hojas.yaml"), atomically: true, encoding: .utf8)
        var reglas = try String(contentsOf: carpeta.appendingPathComponent("reglas.yaml"), encoding: .utf8)
        reglas = reglas.replacingOccurrences(
            of: "condicion: victimas_atendidas <= 12 * capacidad", with: "condicion: victimas_atendidas <= 12 * plazas")
        reglas = reglas.replacingOccurrences(
            of: "condicion: victimas_rescatadas > 0 => operativos > 0",
            with: "condicion: victimas_rescatadas > => operativos")
        try reglas.write(to: carpeta.appendingPathComponent("reglas.yaml"), atomically: true, encoding: .utf8)
        do {
            _ = try Metodologia.cargar(carpeta: carpeta)
            Issue.record("la metodología rota debería rechazarse")
        } catch {
            let textos = error.problemas.map(\.description)
            #expect(error.problemas.count == 4, "\(textos)")
            #expect(
                textos.contains {
                    $0.hasPrefix("hojas.yaml:") && $0.contains("usa el catálogo «generos», que no existe")
                })
            #expect(
                textos.contains { $0.hasPrefix("hojas.yaml:18:") && $0.contains("el campo «responsable» se repite") })
            #expect(textos.contains { $0.hasPrefix("reglas.yaml:") && $0.contains("no tiene el campo «plazas»") })
            #expect(textos.contains { $0.hasPrefix("reglas.yaml:") && $0.contains("R-PER-04: expresión no válida") })
        }
    }

    @Test("Un patrón que no compila se señala con su archivo y campo")
    func patronNoValido() throws {
        let carpeta = try copia()
        defer { try? FileManager.default.removeItem(at: carpeta) }
        var hojas = try String(contentsOf: carpeta.appendingPathComponent("hojas.yaml"), encoding: .utf8)
        hojas = hojas.replacingOccurrences(of: "patron: \"[A-Za-z0-9-]{3,30}\"", with: "patron: \"[A-Za-z0-9-]{3,30\"")
        try hojas.write(to: carpeta.appendingPathComponent("hojas.yaml"), atomically: true, encoding: .utf8)
        do {
            _ = try Metodologia.cargar(carpeta: carpeta)
            Issue.record("un patrón roto debería rechazarse")
        } catch {
            let textos = error.problemas.map(\.description)
            #expect(textos.count == 1, "\(textos)")
            #expect(
                textos.contains {
                    $0.hasPrefix("hojas.yaml:") && $0.contains("patrón no válido «[A-Za-z0-9-]{3,30»")
                        && $0.contains("folio_victima")
                })
        }
    }

    func copia() throws -> URL {
        let carpeta = FileManager.default.temporaryDirectory.appendingPathComponent("metodologia-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: raiz.appendingPathComponent("Instrumento/2017"), to: carpeta)
        return carpeta
    }

    @Test func sintaxisYAMLEnEspanolConLineaYColumna() throws {
        let carpeta = try copia()
        defer { try? FileManager.default.removeItem(at: carpeta) }
        var yaml = try String(contentsOf: carpeta.appendingPathComponent("instrumento.yaml"), encoding: .utf8)
        yaml += "\nnota: esto: rompe\n"
        try yaml.write(to: carpeta.appendingPathComponent("instrumento.yaml"), atomically: true, encoding: .utf8)
        let linea = yaml.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        do {
            _ = try Metodologia.cargar(carpeta: carpeta)
            Issue.record("un YAML roto debe rechazarse")
        } catch {
            let textos = error.problemas.map(\.description)
            #expect(
                textos.contains {
                    $0.hasPrefix("instrumento.yaml:\(linea): columna 11: hay un «:» donde no se espera")
                }, "\(textos)")
            for t in textos {
                for ingles in ["mapping values", "not allowed", "context", "while"] {
                    #expect(!t.contains(ingles), "\(t)")
                }
            }
        }
    }

    /// The sheets', rules' and indicators' files are read on another core while the catalogs load: a
    /// broken, an empty and a missing one are still each reported, with file and line, in file order.
    @Test func archivosLeidosEnParaleloRotosVaciosOAusentes() throws {
        let carpeta = try copia()
        defer { try? FileManager.default.removeItem(at: carpeta) }
        try "hojas:\n  - clave: [sin cerrar\n".write(
            to: carpeta.appendingPathComponent("hojas.yaml"), atomically: true, encoding: .utf8)
        try "".write(to: carpeta.appendingPathComponent("reglas.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: carpeta.appendingPathComponent("indicadores.yaml"))
        for _ in 0..<5 {
            do {
                _ = try Metodologia.cargar(carpeta: carpeta)
                Issue.record("los archivos rotos deben rechazarse")
            } catch {
                let textos = error.problemas.map(\.description)
                let hojas = textos.firstIndex { $0.hasPrefix("hojas.yaml:") && $0.contains("revise la indentación") }
                let reglas = textos.firstIndex { $0.hasPrefix("reglas.yaml") && $0.contains("el archivo está vacío") }
                let indicadores = textos.firstIndex {
                    $0.hasPrefix("indicadores.yaml") && $0.contains("no se encontró el archivo")
                }
                #expect(hojas != nil && reglas != nil && indicadores != nil, "\(textos)")
                if let hojas, let reglas, let indicadores { #expect(hojas < reglas && reglas < indicadores) }
            }
        }
    }

    @Test func claveRepetidaEnUnMapa() throws {
        let carpeta = try copia()
        defer { try? FileManager.default.removeItem(at: carpeta) }
        var hojas = try String(contentsOf: carpeta.appendingPathComponent("hojas.yaml"), encoding: .utf8)
        hojas = hojas.replacingOccurrences(
            of: "{clave: cargo, etiqueta: Cargo,", with: "{clave: cargo, etiqueta: Cargo, etiqueta: Puesto,")
        try hojas.write(to: carpeta.appendingPathComponent("hojas.yaml"), atomically: true, encoding: .utf8)
        do {
            _ = try Metodologia.cargar(carpeta: carpeta)
            Issue.record("una clave repetida debe rechazarse")
        } catch {
            let textos = error.problemas.map(\.description)
            #expect(
                textos.contains { $0.hasPrefix("hojas.yaml:18:") && $0.contains("la clave «etiqueta» está repetida") },
                "\(textos)")
        }
    }

    @Test func formulaConHojaOCampoInexistenteSeRechaza() throws {
        let carpeta = try copia()
        defer { try? FileManager.default.removeItem(at: carpeta) }
        var yaml = try String(contentsOf: carpeta.appendingPathComponent("indicadores.yaml"), encoding: .utf8)
        yaml = yaml.replacingOccurrences(
            of: "numerador: suma(Capacitacion, total_personas)\n",
            with: "numerador: suma(Capacitaciones, total_personas)\n")
        yaml = yaml.replacingOccurrences(
            of: "numerador: suma(Persecucion, operativos)", with: "numerador: suma(Persecucion, operativas)")
        try yaml.write(to: carpeta.appendingPathComponent("indicadores.yaml"), atomically: true, encoding: .utf8)
        do {
            _ = try Metodologia.cargar(carpeta: carpeta)
            Issue.record("una fórmula con una hoja inexistente debe rechazarse")
        } catch {
            let textos = error.problemas.map(\.description)
            #expect(
                textos.contains {
                    $0.hasPrefix("indicadores.yaml:13:") && $0.contains("usa la hoja «Capacitaciones», que no existe")
                }, "\(textos)")
            #expect(
                textos.contains { $0.contains("usa el campo «operativas», que la hoja «Persecucion» no tiene") },
                "\(textos)")
        }
    }
}
