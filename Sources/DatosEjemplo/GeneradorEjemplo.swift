import Foundation
import Metodologia

/// Deterministic synthetic envíos for every instancia of the catalog, with realistic magnitudes:
/// about 1,000 victim records a year (85 % women and girls, mostly sexual exploitation), about 500
/// investigations and 170 sentences concentrated in a few entidades. They follow the year's
/// methodology, so they validate with zero findings; `con-errores/` holds copies with typical mistakes.
///
/// ```swift
/// let generador = GeneradorEjemplo(metodologia: m, semilla: 2017)
/// let rutas = try generador.escribir(en: URL(fileURLWithPath: "Salidas/ejemplo/2017"))
/// ```
public struct GeneradorEjemplo {
    public let metodologia: Metodologia
    public let semilla: UInt64

    public init(metodologia: Metodologia, semilla: UInt64 = 2017) {
        self.metodologia = metodologia
        self.semilla = semilla
    }

    /// The sheets and rows of one instancia's envío.
    struct Contenido {
        var instancia: String
        var hojas: [(String, [FilaEjemplo])]
    }

    /// Victims identified per state (weights), as the concentration of real data suggests.
    static let pesoEntidad: [String: Double] = [
        "09": 14, "15": 12, "07": 8, "21": 7, "30": 6, "14": 6, "02": 6, "23": 5, "19": 5, "29": 5, "12": 4, "20": 3,
        "11": 3, "13": 3, "08": 3, "26": 2, "25": 2, "16": 2, "22": 2, "24": 2, "28": 2, "17": 2, "31": 1.5, "27": 1.5,
        "05": 1.5, "10": 1, "18": 1, "32": 1, "01": 1, "06": 1, "04": 1, "03": 1,
    ]

    /// Victim records each federal instancia reports.
    static let victimasFederales: [String: Int] = [
        "PGR": 150, "SNDIF": 60, "INM": 50, "CEAV": 40, "SALUD": 20, "SRE": 10,
    ]

    /// A catalog the sample needs; an empty one when the methodology lacks it (no rows then).
    func catalogo(_ nombre: String) -> Catalogo {
        metodologia.catalogos[nombre] ?? Catalogo(nombre: nombre, entradas: [], claveNumerica: false)
    }

    /// All envíos' contents, one per instancia of the catalog.
    func contenidos() -> [Contenido] {
        var azar = Azar(semilla: semilla &* 7919 &+ UInt64(metodologia.anio))
        let instancias = catalogo("instancias").entradas
        let totalPeso = Self.pesoEntidad.values.reduce(0, +)
        return instancias.map { entrada in
            let clave = entrada.clave
            let obligatorias = (entrada.atributos["hojas_obligatorias"] ?? "").split(separator: "|").map(String.init)
            let entidadPropia = entrada.atributos["entidad"].flatMap { $0.isEmpty ? nil : $0 }
            var hojas: [(String, [FilaEjemplo])] = [("Identificacion", [identificacion(clave, &azar)])]
            var victimas: [FilaEjemplo] = []
            for hoja in obligatorias where metodologia.hoja(hoja) != nil {
                switch hoja {
                case "Capacitacion": hojas.append((hoja, capacitacion(clave, entidadPropia, &azar)))
                case "Campanas": hojas.append((hoja, campanas(clave, &azar)))
                case "Victimas":
                    let n: Int
                    if let e = entidadPropia {
                        n = max(3, Int((670 * (Self.pesoEntidad[e] ?? 1) / totalPeso).rounded()) + azar.entero(-2...2))
                    } else {
                        n = Self.victimasFederales[clave] ?? 8
                    }
                    victimas = self.victimas(clave, entidadPropia, n, &azar)
                    hojas.append((hoja, victimas))
                case "Atenciones": hojas.append((hoja, atenciones(clave, victimas, &azar)))
                case "Persecucion": hojas.append((hoja, persecucion(clave, entidadPropia, &azar)))
                case "Armonizacion": hojas.append((hoja, armonizacion(&azar)))
                case "Albergues": hojas.append((hoja, albergues(clave, &azar)))
                // A sheet this generator has no hand-made rows for (a new year's): rows from its fields.
                default: hojas.append((hoja, generica(hoja, clave, entidadPropia, &azar)))
                }
            }
            // Atenciones needs its Victimas even when listed first.
            if let i = hojas.firstIndex(where: { $0.0 == "Atenciones" }), hojas[i].1.isEmpty, !victimas.isEmpty {
                hojas[i].1 = atenciones(clave, victimas, &azar)
            }
            return Contenido(instancia: clave, hojas: hojas)
        }
    }

    /// One realistic row of a sheet, as a person would type it (labels, dd/mm/aaaa dates), for
    /// the template's instructions.
    public func filaDeEjemplo(hoja: String) -> [String: String] {
        guard let contenido = contenidos().first(where: { c in c.hojas.contains { $0.0 == hoja && !$0.1.isEmpty } }),
            let fila = contenido.hojas.first(where: { $0.0 == hoja })?.1.first
        else { return [:] }
        return fila.compactMapValues { dato -> String? in
            switch dato {
            case .vacio: return nil
            case .texto(let t): return metodologia.valoresExtra[t] ?? t
            case .numero(let n): return formatoNumero(n)
            case .fecha(let f): return f.textoCorto
            case .catalogo(let nombre, let clave):
                return metodologia.catalogos[nombre]?.entrada(clave)?.etiqueta ?? clave
            }
        }
    }

    // MARK: Sheets

    var anio: Int { metodologia.anio }

    func diaDelAnio(_ azar: inout Azar, desde: Int = 1, hasta: Int? = nil) -> Fecha {
        let inicio = metodologia.periodo.inicio.dias
        let fin = metodologia.periodo.fin.dias
        return Fecha(dias: azar.entero(min(inicio + desde - 1, fin)...min(hasta.map { inicio + $0 - 1 } ?? fin, fin)))
    }

    func identificacion(_ clave: String, _ azar: inout Azar) -> FilaEjemplo {
        let responsables = [
            "Dirección General de Derechos Humanos", "Unidad de Asuntos Jurídicos", "Coordinación de Vinculación",
            "Dirección de Atención a Víctimas", "Unidad de Igualdad de Género",
        ]
        return [
            "clave_instancia": .catalogo("instancias", clave: clave),
            "anio_reportado": .numero(Double(anio)),
            "version_instrumento": .texto(metodologia.version),
            "responsable": .texto("Titular de la " + azar.elegir(responsables)),
            "cargo": .texto(
                azar.elegir(["Directora General", "Director de Área", "Subdirectora", "Jefe de Departamento"])),
            "correo": .texto("enlace.trata@\(clave.lowercased()).gob.mx"),
            "fecha_llenado": .fecha(Fecha(dias: metodologia.periodo.fin.dias + azar.entero(10...40))),
            "hojas_sin_informacion": .vacio,
            "observaciones": .vacio,
        ]
    }

    func capacitacion(_ clave: String, _ entidad: String?, _ azar: inout Azar) -> [FilaEjemplo] {
        let temas = [
            "Identificación de víctimas de trata de personas", "Marco jurídico de la Ley General en materia de trata",
            "Atención integral a víctimas", "Prevención de la trata en el sector turístico",
            "Protocolo de actuación para personal de primer contacto", "Enganche por redes sociales",
            "Derechos de niñas, niños y adolescentes", "Trata con fines de explotación laboral",
        ]
        let n = azar.entero(6...28)
        return (1...n).map { i in
            let inicio = diaDelAnio(&azar, hasta: 360)
            let duracion = azar.ponderado([(0, 6.0), (1, 2), (2, 1), (4, 1)])
            let fin = Fecha(dias: min(inicio.dias + duracion, metodologia.periodo.fin.dias))
            let dias = fin.dias - inicio.dias + 1
            let mujeres = azar.entero(5...70)
            let hombres = azar.entero(3...50)
            let sinEspecificar =
                metodologia.hoja("Capacitacion")?.campo("sin_especificar") != nil
                ? azar.ponderado([(0, 7.0), (1, 2), (3, 1)]) : 0
            let modalidad = azar.ponderado([("presencial", 7.0), ("en_linea", 2), ("mixta", 1)])
            let lugar: String =
                modalidad == "en_linea"
                ? "00"
                : (entidad ?? azar.ponderado(Self.pesoEntidad.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
            var fila: FilaEjemplo = [
                "folio": .texto("CAP-\(clave)-" + cifras(i, 3)),
                "fecha_inicio": .fecha(inicio),
                "fecha_fin": .fecha(fin),
                "tipo_accion": .catalogo(
                    "tipo_accion", clave: azar.ponderado([("capacitacion", 6.0), ("sensibilizacion", 4)])),
                "formato": .catalogo("formato_evento", clave: azar.elegir(catalogo("formato_evento").entradas).clave),
                "modalidad": .catalogo("modalidad_evento", clave: modalidad),
                "tema": .texto(azar.elegir(temas)),
                "publico_objetivo": .catalogo(
                    "publico_objetivo",
                    clave: azar.ponderado([
                        (entidad == nil ? "servidores_publicos_federales" : "servidores_publicos_estatales", 6.0),
                        ("servidores_publicos_municipales", 2), ("poblacion_general", 3),
                        ("ninas_ninos_adolescentes", 2),
                        ("osc", 1), ("academia", 1), ("sector_privado", 1),
                    ])),
                "entidad": lugar == "00" ? .texto("00") : .catalogo("entidades", clave: lugar),
                "mujeres": .numero(Double(mujeres)),
                "hombres": .numero(Double(hombres)),
                "total_personas": .numero(Double(mujeres + hombres + sinEspecificar)),
                "horas": .numero(Double(min(azar.entero(2...12) * dias, 24 * dias))),
                "institucion_coadyuvante": azar.probabilidad(0.2)
                    ? .catalogo("instancias", clave: azar.elegir(["CNDH", "INMUJERES", "CEAV", "SEGOB"])) : .vacio,
            ]
            if metodologia.hoja("Capacitacion")?.campo("sin_especificar") != nil {
                fila["sin_especificar"] =
                    sinEspecificar == 0 && azar.probabilidad(0.5) ? .vacio : .numero(Double(sinEspecificar))
            }
            return fila
        }
    }

    func campanas(_ clave: String, _ azar: inout Azar) -> [FilaEjemplo] {
        let nombres = [
            "Corazón Azul contra la trata de personas", "No te dejes enganchar", "Aquí estamos para ayudarte",
            "Libertad sin engaños", "Viaja seguro", "Tu trabajo no es una trampa",
        ]
        return (1...azar.entero(3...9)).map { i in
            let inicio = diaDelAnio(&azar, hasta: 300)
            let fin = Fecha(dias: min(inicio.dias + azar.entero(0...60), metodologia.periodo.fin.dias))
            let cobertura = azar.ponderado([("nacional", 5.0), ("estatal", 4), ("municipal", 1)])
            let entidad: Dato =
                cobertura == "nacional"
                ? (azar.probabilidad(0.5) ? .vacio : .texto("00"))
                : .catalogo(
                    "entidades",
                    clave: azar.ponderado(Self.pesoEntidad.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
            let nombre = azar.elegir(nombres)
            return [
                "folio": .texto("CAM-\(clave)-" + cifras(i, 2)),
                "nombre": .texto(nombre),
                "medio": .catalogo("medio_campana", clave: azar.elegir(catalogo("medio_campana").entradas).clave),
                "fecha_inicio": .fecha(inicio),
                "fecha_fin": .fecha(fin),
                "cobertura": .catalogo("cobertura", clave: cobertura),
                "entidad": entidad,
                "impactos": .numero(Double(azar.entero(1...400) * 1000)),
                "materiales_distribuidos": azar.probabilidad(0.7) ? .numero(Double(azar.entero(0...20000))) : .vacio,
                "corazon_azul": .catalogo(
                    "si_no", clave: nombre.hasPrefix("Corazón Azul") || azar.probabilidad(0.3) ? "si" : "no"),
            ]
        }
    }

    func victimas(_ clave: String, _ entidad: String?, _ n: Int, _ azar: inout Azar) -> [FilaEjemplo] {
        let extranjeros = [
            ("GTM", 4.0), ("HND", 3), ("SLV", 2), ("COL", 1), ("VEN", 1), ("USA", 0.5), ("CUB", 0.5), ("ARG", 0.3),
        ]
        let modalidades: [(String, Double)] = [
            ("explotacion_sexual", 70), ("trabajo_forzado", 10), ("explotacion_laboral", 8), ("mendicidad_forzosa", 5),
            ("matrimonio_forzoso", 3), ("actividades_delictivas", 2), ("adopcion_ilegal", 1), ("condicion_siervo", 1),
        ]
        let pesos = Self.pesoEntidad.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return (1...n).map { i in
            let mexicana = azar.probabilidad(entidad == nil && clave == "INM" ? 0.3 : 0.82)
            let modalidad = azar.ponderado(modalidades)
            let soloMenores = catalogo("modalidades").entrada(modalidad)?.atributos["solo_menores"] == "si"
            var edad: Dato = .numero(
                Double(
                    azar.ponderado([
                        (azar.entero(3...11), 10.0), (azar.entero(12...17), 25), (azar.entero(18...29), 45),
                        (azar.entero(30...59), 17), (azar.entero(60...75), 3),
                    ])))
            if soloMenores {
                edad = .numero(Double(azar.entero(8...17)))
            } else if azar.probabilidad(0.05) {
                edad = .texto("ND")
            }
            let nacionalidad = mexicana ? "MEX" : azar.ponderado(extranjeros)
            let condicion =
                mexicana
                ? "nacional" : azar.ponderado([("irregular", 5.0), ("regular", 2), ("solicitante_refugio", 1)])
            let identificacion = entidad ?? azar.ponderado(pesos)
            var fila: FilaEjemplo = [
                "folio_victima": .texto("\(clave)-V-" + cifras(i, 4)),
                "fecha_identificacion": .fecha(diaDelAnio(&azar, hasta: 350)),
                "sexo": .catalogo(
                    "sexo", clave: azar.ponderado([("mujer", 85.0), ("hombre", 14), ("no_especificado", 1)])),
                "edad": edad,
                "nacionalidad": .catalogo("paises", clave: nacionalidad),
                "entidad_identificacion": .catalogo("entidades", clave: identificacion),
                "entidad_origen": mexicana && azar.probabilidad(0.7)
                    ? .catalogo("entidades", clave: azar.ponderado(pesos)) : .vacio,
                "modalidad": .catalogo("modalidades", clave: modalidad),
                "forma_enganche": .catalogo(
                    "forma_enganche", clave: azar.elegir(catalogo("forma_enganche").entradas).clave),
                "condicion_migratoria": .catalogo("condicion_migratoria", clave: condicion),
                "rescatada_en_operativo": .catalogo("si_no", clave: azar.probabilidad(0.4) ? "si" : "no"),
            ]
            if metodologia.hoja("Victimas")?.campo("estado_civil") != nil {
                fila["estado_civil"] =
                    azar.probabilidad(0.6)
                    ? .catalogo("estado_civil", clave: azar.elegir(catalogo("estado_civil").entradas).clave) : .vacio
            }
            if metodologia.hoja("Victimas")?.campo("lugar_destino") != nil {
                fila["lugar_destino"] =
                    azar.probabilidad(0.5)
                    ? (azar.probabilidad(0.1) ? .texto("EXT") : .catalogo("entidades", clave: azar.ponderado(pesos)))
                    : .vacio
            }
            return fila
        }
    }

    func atenciones(_ clave: String, _ victimas: [FilaEjemplo], _ azar: inout Azar) -> [FilaEjemplo] {
        var filas: [FilaEjemplo] = []
        let otros = catalogo("tipo_atencion").entradas.map(\.clave).filter {
            !["medica", "psicologica", "juridica"].contains($0)
        }
        for v in victimas {
            guard case .texto(let folio)? = v["folio_victima"],
                case .fecha(let identificada)? = v["fecha_identificacion"]
            else {
                continue
            }
            var tipos =
                azar.probabilidad(0.65)
                ? ["medica", "psicologica", "juridica"] : [azar.elegir(["medica", "psicologica", "juridica"])]
            if azar.probabilidad(0.4) { tipos.append(azar.elegir(otros)) }
            for tipo in tipos {
                let fecha = Fecha(dias: min(identificada.dias + azar.entero(0...20), metodologia.periodo.fin.dias))
                filas.append([
                    "folio_victima": .texto(folio),
                    "fecha": .fecha(fecha),
                    "tipo_atencion": .catalogo("tipo_atencion", clave: tipo),
                    "institucion_otorgante": azar.probabilidad(0.8)
                        ? .catalogo("instancias", clave: clave) : .texto("OSC"),
                    "descripcion": azar.probabilidad(0.3)
                        ? .texto("Seguimiento del caso conforme al protocolo") : .vacio,
                ])
            }
        }
        return filas
    }

    func persecucion(_ clave: String, _ entidad: String?, _ azar: inout Azar) -> [FilaEjemplo] {
        let totalPeso = Self.pesoEntidad.values.reduce(0, +)
        func fila(_ e: String, _ fuero: String, investigaciones: Int, sentencias: Int, operativos: Int) -> FilaEjemplo {
            let ap = investigaciones / 10
            let ci = investigaciones - ap
            let condenatorias = sentencias
            let absolutorias = sentencias > 2 ? azar.entero(0...max(1, sentencias / 5)) : 0
            let rescatadas = operativos > 0 ? azar.entero(0...operativos * 4) : 0
            return [
                "entidad": .catalogo("entidades", clave: e), "fuero": .catalogo("fuero", clave: fuero),
                "averiguaciones_previas_iniciadas": .numero(Double(ap)),
                "carpetas_investigacion_iniciadas": .numero(Double(ci)),
                "ap_consignadas": .numero(Double(ap / 2)), "ci_judicializadas": .numero(Double(ci * 2 / 5)),
                "imputados_mujeres": .numero(Double(investigaciones / 4)),
                "imputados_hombres": .numero(Double(investigaciones * 3 / 4)),
                "sentencias_condenatorias": .numero(Double(condenatorias)),
                "sentencias_absolutorias": .numero(Double(absolutorias)),
                "personas_sentenciadas": .numero(Double(condenatorias + absolutorias + azar.entero(0...1))),
                "operativos": .numero(Double(operativos)), "victimas_rescatadas": .numero(Double(rescatadas)),
            ]
        }
        if let entidad {
            let peso = (Self.pesoEntidad[entidad] ?? 1) / totalPeso
            let investigaciones = max(1, Int((330 * peso).rounded()) + azar.entero(-1...2))
            let sentencias = max(0, Int((120 * peso).rounded()) + azar.entero(-1...1))
            return [
                fila(
                    entidad, "comun", investigaciones: investigaciones, sentencias: sentencias,
                    operativos: azar.entero(0...6))
            ]
        }
        let principales = ["09", "15", "07", "21", "30", "14", "02", "23", "19", "29"]
        switch clave {
        case "PGR":
            return principales.map { e in
                fila(
                    e, "federal", investigaciones: azar.entero(8...20), sentencias: azar.entero(1...5),
                    operativos: azar.entero(0...4))
            }
        case "CJF":
            return principales.prefix(4).map { e in
                fila(e, "federal", investigaciones: 0, sentencias: azar.entero(0...2), operativos: 0)
            }
        default:
            return principales.prefix(5).map { e in
                fila(e, "federal", investigaciones: 0, sentencias: 0, operativos: azar.entero(1...8))
            }
        }
    }

    func armonizacion(_ azar: inout Azar) -> [FilaEjemplo] {
        catalogo("entidades").entradas.map { e in
            let ley = azar.ponderado([("si", 24.0), ("parcial", 5), ("no", 3)])
            return [
                "entidad": .catalogo("entidades", clave: e.clave),
                "ley_armonizada": .catalogo("ley_armonizada", clave: ley),
                "fecha_publicacion": ley == "no"
                    ? .vacio
                    : .fecha(
                        Fecha(
                            dias: Fecha(
                                anio: azar.entero(2012...anio), mes: azar.entero(1...12), dia: azar.entero(1...28)
                            ).dias)),
                "fiscalia_especializada": .catalogo("si_no", clave: azar.probabilidad(0.6) ? "si" : "no"),
                "comision_interinstitucional": .catalogo("si_no", clave: azar.probabilidad(0.8) ? "si" : "no"),
                "programa_estatal": .catalogo("si_no", clave: azar.probabilidad(0.5) ? "si" : "no"),
                "observaciones": .vacio,
            ]
        }
    }

    func albergues(_ clave: String, _ azar: inout Azar) -> [FilaEjemplo] {
        let pesos = Self.pesoEntidad.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return (1...azar.entero(6...14)).map { i in
            let capacidad = azar.entero(8...60)
            return [
                "clave_albergue": .texto("ALB-\(clave)-" + cifras(i, 2)),
                "tipo": .catalogo("tipo_albergue", clave: azar.elegir(catalogo("tipo_albergue").entradas).clave),
                "operador": .catalogo(
                    "operador_albergue",
                    clave: clave == "INDESOL" ? "osc" : azar.elegir(["gobierno_federal", "gobierno_estatal", "osc"])),
                "entidad": .catalogo("entidades", clave: azar.ponderado(pesos)),
                "capacidad": .numero(Double(capacidad)),
                "victimas_atendidas": .numero(Double(azar.entero(0...capacidad * 4))),
                "especializado_trata": .catalogo("si_no", clave: azar.probabilidad(0.7) ? "si" : "no"),
            ]
        }
    }
}
