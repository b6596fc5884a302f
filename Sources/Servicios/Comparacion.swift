import Almacen
import Foundation
import Indicadores
import Metodologia

/// What changed between two versions of an instancia's envío: per sheet, the rows added, removed
/// and modified (matched by the sheet's key, the fields the methodology declares unique; a sheet
/// without a key is compared as a multiset of rows), and every national value the change moves.
///
/// ```swift
/// let c = try Comparador(instrumentos: i, almacen: a).comparar(instancia: "EST09", anio: 2017)
/// print(c.json)
/// ```
public struct Comparacion: Sendable {
    public struct Modificacion: Sendable, Equatable {
        public var clave: String
        public var campo: String
        public var antes: String
        public var despues: String
    }

    public struct CambiosHoja: Sendable, Equatable {
        public var hoja: String
        public var agregadas: [String]
        public var eliminadas: [String]
        public var modificadas: [Modificacion]
        public var sinCambios: Bool { agregadas.isEmpty && eliminadas.isEmpty && modificadas.isEmpty }
    }

    public struct Efecto: Sendable, Equatable {
        public var indicador: String
        public var desagregacion: String?
        public var categoria: String?
        public var antes: Double?
        public var despues: Double?
    }

    public var instancia: String
    public var anio: Int
    public var de: Int
    public var a: Int
    /// Only the sheets with changes.
    public var hojas: [CambiosHoja]
    public var indicadores: [Efecto]
}

/// Compares versions from the store.
public struct Comparador: Sendable {
    public let instrumentos: Instrumentos
    public let almacen: any Almacen

    public init(instrumentos: Instrumentos, almacen: any Almacen) {
        self.instrumentos = instrumentos
        self.almacen = almacen
    }

    /// Compares `versiones` (default: the last two accepted versions) of `instancia` in `anio`.
    public func comparar(
        instancia: String, anio: Int, versiones: (Int, Int)? = nil, metodologia: Metodologia? = nil
    ) throws(ErrorServicio) -> Comparacion {
        let m: Metodologia
        if let metodologia { m = metodologia } else { m = try instrumentos.metodologia(anio: anio) }
        let registros: [RegistroEnvio]
        do {
            registros = try almacen.envios(anio: anio).filter { $0.instancia == instancia }
        } catch {
            throw .almacen(error)
        }
        let aceptadas = registros.filter { $0.estado == .aceptado }.compactMap(\.version)
        let (de, a): (Int, Int)
        if let versiones {
            (de, a) = versiones
        } else {
            guard aceptadas.count >= 2 else {
                throw .consultaInvalida(
                    "\(instancia) tiene \(aceptadas.count) \(aceptadas.count == 1 ? "versión aceptada" : "versiones aceptadas") en \(anio); "
                        + "se necesitan dos para comparar (indique otras con --versiones).")
            }
            (de, a) = (aceptadas[aceptadas.count - 2], aceptadas[aceptadas.count - 1])
        }
        func registro(_ v: Int) throws(ErrorServicio) -> RegistroEnvio {
            guard let r = registros.first(where: { $0.version == v }) else {
                throw .consultaInvalida(
                    "\(instancia) no tiene versión \(v) en \(anio); sus versiones son "
                        + registros.compactMap(\.version).map(String.init).joined(separator: ", ") + ".")
            }
            guard r.estado == .aceptado else {
                throw .consultaInvalida(
                    "La versión \(v) de \(instancia) fue rechazada: sus filas no se guardan. Las versiones aceptadas son "
                        + aceptadas.map(String.init).joined(separator: ", ") + ".")
            }
            return r
        }
        let indicadores = IndicadoresDelAlmacen(instrumentos: instrumentos, almacen: almacen)
        let registroDe = try registro(de)
        let registroA = try registro(a)
        let antes: EnvioVigente
        let despues: EnvioVigente
        do {
            antes = try indicadores.envio(registroDe, metodologia: m)
            despues = try indicadores.envio(registroA, metodologia: m)
        } catch {
            throw .almacen(error)
        }
        let hojas = m.hojas.map { hoja in
            Self.comparar(
                hoja, antes.filas[hoja.clave] ?? [], antes.numerosDeFila[hoja.clave] ?? [],
                despues.filas[hoja.clave] ?? [], despues.numerosDeFila[hoja.clave] ?? [])
        }.filter { !$0.sinCambios }
        var efectos: [Comparacion.Efecto] = []
        if !hojas.isEmpty {
            var datos = try indicadores.datos(anio: anio, metodologia: m)
            let calculador = CalculadorIndicadores(metodologia: m)
            func con(_ e: EnvioVigente) -> [String: Double?] {
                var d = datos
                d.envios.removeAll { $0.instancia == instancia }
                d.envios.append(e)
                return Self.valores(calculador.calcular(d))
            }
            let va = con(antes)
            let vd = con(despues)
            datos.envios = []
            for clave in (Set(va.keys).union(vd.keys)).sorted(by: Self.ordenValores(m)) {
                let x = va[clave] ?? nil
                let y = vd[clave] ?? nil
                guard x != y else { continue }
                let partes = clave.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
                efectos.append(
                    .init(
                        indicador: partes[0], desagregacion: partes[1].isEmpty ? nil : partes[1],
                        categoria: partes[1].isEmpty ? nil : partes[2], antes: x, despues: y))
            }
        }
        return Comparacion(instancia: instancia, anio: anio, de: de, a: a, hojas: hojas, indicadores: efectos)
    }

    /// Every value of a year: `indicador␟desagregacion␟categoria` → value.
    static func valores(_ resultados: [ResultadoIndicador]) -> [String: Double?] {
        var out: [String: Double?] = [:]
        for r in resultados {
            out[r.indicador.clave + "\u{1F}\u{1F}"] = r.valor
            for d in r.desgloses {
                for c in d.categorias { out[r.indicador.clave + "\u{1F}" + d.por + "\u{1F}" + c.clave] = c.valor }
            }
        }
        return out
    }

    /// Indicators in the methodology's order, national value first.
    static func ordenValores(_ m: Metodologia) -> (String, String) -> Bool {
        let posicion = Dictionary(m.indicadores.enumerated().map { ($1.clave, $0) }, uniquingKeysWith: { a, _ in a })
        return { x, y in
            let px = posicion[String(x.prefix { $0 != "\u{1F}" })] ?? Int.max
            let py = posicion[String(y.prefix { $0 != "\u{1F}" })] ?? Int.max
            return (px, x) < (py, y)
        }
    }

    /// One sheet: by key when the methodology declares unique fields, else as multisets of rows.
    static func comparar(
        _ hoja: Hoja, _ filasA: [[String: Valor]], _ numerosA: [Int], _ filasB: [[String: Valor]],
        _ numerosB: [Int]
    ) -> Comparacion.CambiosHoja {
        let campos = hoja.campos.map(\.clave)
        let llave = hoja.campos.filter(\.unico).map(\.clave)
        func texto(_ v: Valor?) -> String { (v ?? .nulo).textoParaMensaje }
        var resultado = Comparacion.CambiosHoja(hoja: hoja.clave, agregadas: [], eliminadas: [], modificadas: [])
        if !llave.isEmpty {
            func clave(_ f: [String: Valor]) -> String { llave.map { texto(f[$0]) }.joined(separator: " / ") }
            var porClaveA: [String: [String: Valor]] = [:]
            for f in filasA { porClaveA[clave(f)] = f }
            var porClaveB: [String: [String: Valor]] = [:]
            for f in filasB { porClaveB[clave(f)] = f }
            resultado.eliminadas = filasA.map(clave).filter { porClaveB[$0] == nil }
            resultado.agregadas = filasB.map(clave).filter { porClaveA[$0] == nil }
            for f in filasB {
                let k = clave(f)
                guard let anterior = porClaveA[k] else { continue }
                for c in campos where (anterior[c] ?? .nulo) != (f[c] ?? .nulo) {
                    resultado.modificadas.append(
                        .init(clave: k, campo: c, antes: texto(anterior[c]), despues: texto(f[c])))
                }
            }
            return resultado
        }
        // No key: a multiset of rows; order does not matter.
        func firma(_ f: [String: Valor]) -> [Valor] { campos.map { f[$0] ?? .nulo } }
        var cuenta: [[Valor]: Int] = [:]
        for f in filasA { cuenta[firma(f), default: 0] += 1 }
        for (i, f) in filasB.enumerated() {
            let s = firma(f)
            if let n = cuenta[s], n > 0 {
                cuenta[s] = n - 1
            } else {
                resultado.agregadas.append("fila \(numerosB.indices.contains(i) ? numerosB[i] : i + 2)")
            }
        }
        for (i, f) in filasA.enumerated().reversed() {
            let s = firma(f)
            if let n = cuenta[s], n > 0 {
                cuenta[s] = n - 1
                resultado.eliminadas.insert("fila \(numerosA.indices.contains(i) ? numerosA[i] : i + 2)", at: 0)
            }
        }
        return resultado
    }
}

extension Comparacion {
    public var json: String {
        func lista(_ l: [String]) -> String { "[" + l.map(JSONText.string).joined(separator: ", ") + "]" }
        var out =
            "{\"instancia\": \(JSONText.string(instancia)), \"anio\": \(anio), \"de\": \(de), \"a\": \(a), \"hojas\": ["
        out += hojas.map { h in
            "\n  {\"hoja\": \(JSONText.string(h.hoja)), \"agregadas\": \(lista(h.agregadas)), \"eliminadas\": \(lista(h.eliminadas)), "
                + "\"modificadas\": ["
                + h.modificadas.map {
                    "{\"clave\": \(JSONText.string($0.clave)), \"campo\": \(JSONText.string($0.campo)), "
                        + "\"antes\": \(JSONText.string($0.antes)), \"despues\": \(JSONText.string($0.despues))}"
                }.joined(separator: ", ") + "]}"
        }.joined(separator: ",")
        out += hojas.isEmpty ? "], \"indicadores\": [" : "\n], \"indicadores\": ["
        out += indicadores.map { e in
            "\n  {\"indicador\": \(JSONText.string(e.indicador)), \"desagregacion\": \(e.desagregacion.map(JSONText.string) ?? "null"), "
                + "\"categoria\": \(e.categoria.map(JSONText.string) ?? "null"), \"antes\": \(JSONText.figure(e.antes)), "
                + "\"despues\": \(JSONText.figure(e.despues))}"
        }.joined(separator: ",")
        return out + (indicadores.isEmpty ? "]}\n" : "\n]}\n")
    }
}
