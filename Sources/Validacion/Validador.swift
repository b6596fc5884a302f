import Foundation
import Metodologia
import Spreadsheet

/// Validates envíos against a year's methodology (§2, §4, §5). Rows are checked as they are read;
/// only what cross-sheet rules need is kept.
///
/// ```swift
/// let validador = Validador(metodologia: try Metodologia.cargar(carpeta: url))
/// let resultado = validador.validar(Envio(ruta: URL(fileURLWithPath: "SEGOB.xlsx")))
/// for h in resultado.hallazgos { print(h.celda ?? "-", h.codigo, h.mensaje) }
/// ```
public struct Validador: Sendable {
    public let metodologia: Metodologia
    /// Keep the typed rows in the result (for loading into the store).
    public var conservarDatos = false
    /// Previous-year totals for R-ANU-01; without it that rule is not checked.
    public var anioAnterior: (any ProveedorAnioAnterior)?

    public init(metodologia: Metodologia) {
        self.metodologia = metodologia
    }

    public func validar(_ envio: Envio) -> ResultadoValidacion {
        var proceso = ProcesoEnvio(validador: self, envio: envio)
        return proceso.ejecutar()
    }
}

/// The state of one envío's validation.
struct ProcesoEnvio {
    let validador: Validador
    let envio: Envio
    var metodologia: Metodologia { validador.metodologia }
    var lector: LectorValores
    var hallazgos: [Hallazgo] = []
    var datos: [String: [FilaValidada]] = [:]
    var instancia: String?
    var contextoInstancia: [String: Valor] = [:]
    var hojasSinInformacion: Set<String> = []
    /// Sheet clave → rows with data.
    var filasPorHoja: [String: Int] = [:]
    /// Sheets whose header was not found (they already have their finding; not also «hoja vacía»).
    var sinEncabezado: Set<String> = []
    /// Sheet clave → total per R-ANU-01 measure.
    var totales: [String: Double] = [:]
    /// Values of fields that other sheets refer to: "Hoja.campo" → value → that row's values.
    var referidos: [String: [Valor: [String: Valor]]] = [:]
    /// Rows waiting for cross-sheet rules, per sheet.
    var diferidas: [String: [FilaDiferida]] = [:]
    /// Catalog completeness: rule index → claves seen.
    var vistosCompletitud: [Int: Set<String>] = [:]

    struct FilaDiferida {
        var archivo: String
        var hojaArchivo: String
        var fila: Int
        var valores: [String: Valor]
        var columnas: [String: Int]
    }

    init(validador: Validador, envio: Envio) {
        self.validador = validador
        self.envio = envio
        lector = LectorValores(metodologia: validador.metodologia)
    }

    mutating func agregar(_ h: Hallazgo) { hallazgos.append(h) }

    mutating func ejecutar() -> ResultadoValidacion {
        let fuentes: [Envio.Fuente]
        do {
            fuentes = try envio.fuentes()
        } catch {
            agregar(
                Hallazgo(
                    archivo: envio.nombre, codigo: "archivo-ilegible", severidad: .error,
                    mensaje: Mensajes.texto("archivo-ilegible", ["detalle": error.message])))
            return resultado()
        }
        // Date serials typed without a date format count in the workbook's own system.
        if let sistema = fuentes.first?.sistemaFechas { lector.sistemaFechas = sistema }
        // Sheets by methodology clave; Identificacion first so the instancia is known for the rest.
        var porHoja: [(Hoja, Envio.Fuente)] = []
        for fuente in fuentes {
            if metodologia.hojasIgnoradas.contains(where: { normalizar($0) == normalizar(fuente.nombreHoja) }) {
                continue
            }
            guard let hoja = metodologia.hoja(nombrada: fuente.nombreHoja) else {
                agregar(
                    Hallazgo(
                        archivo: fuente.archivo, hoja: fuente.nombreHoja, codigo: "hoja-desconocida",
                        severidad: .advertencia,
                        mensaje: Mensajes.texto("hoja-desconocida", ["hoja": fuente.nombreHoja])))
                continue
            }
            porHoja.append((hoja, fuente))
        }
        porHoja.sort { a, b in (a.0.unaFila ? 0 : 1) < (b.0.unaFila ? 0 : 1) }
        for (hoja, fuente) in porHoja {
            var lectorHoja = ValidadorHoja(hoja: hoja, fuente: fuente, metodologia: metodologia)
            lectorHoja.procesar(en: &self)
        }
        reglasDeEnvio(presentes: Set(porHoja.map { $0.0.clave }))
        return resultado()
    }

    func resultado() -> ResultadoValidacion {
        let ordenHojas = Dictionary(uniqueKeysWithValues: metodologia.hojas.enumerated().map { ($1.clave, $0) })
        let ordenados = hallazgos.enumerated().sorted { a, b in
            let ha = a.element.hoja.flatMap { metodologia.hoja(nombrada: $0)?.clave }.flatMap { ordenHojas[$0] } ?? -1
            let hb = b.element.hoja.flatMap { metodologia.hoja(nombrada: $0)?.clave }.flatMap { ordenHojas[$0] } ?? -1
            if ha != hb { return ha < hb }
            let fa = a.element.fila ?? 0
            let fb = b.element.fila ?? 0
            if fa != fb { return fa < fb }
            let ca = a.element.columna ?? -1
            let cb = b.element.columna ?? -1
            if ca != cb { return ca < cb }
            return a.offset < b.offset
        }.map(\.element)
        return ResultadoValidacion(
            archivo: envio.nombre, instancia: instancia, hallazgos: ordenados,
            datos: validador.conservarDatos ? datos : [:])
    }

    /// Called when Identificacion has been read.
    mutating func fijarInstancia(_ clave: String?, hojasSinInformacion declaradas: String?) {
        instancia = clave
        if let clave, let entrada = metodologia.catalogos["instancias"]?.entrada(clave) {
            contextoInstancia = ["clave": .texto(clave)]
            if let t = entrada.atributos["tipo"], !t.isEmpty { contextoInstancia["tipo"] = .texto(t) }
            if let e = entrada.atributos["entidad"], !e.isEmpty { contextoInstancia["entidad"] = .texto(e) }
        }
        for parte in (declaradas ?? "").split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "|" }) {
            if let hoja = metodologia.hoja(nombrada: sinEspaciosAlBorde(parte)) {
                hojasSinInformacion.insert(hoja.clave)
            }
        }
    }

    // MARK: Envío-level and cross-sheet rules

    mutating func reglasDeEnvio(presentes: Set<String>) {
        for (indice, regla) in metodologia.reglas.enumerated() {
            switch regla.tipo {
            case .referencia(let campo, let hojaReferida, let campoReferido, _):
                guard let hoja = regla.hoja else { continue }
                let existentes = referidos["\(hojaReferida).\(campoReferido)"] ?? [:]
                for fila in diferidas[hoja] ?? [] {
                    guard let v = fila.valores[campo], !v.esNulo, existentes[v] == nil else { continue }
                    agregar(
                        Hallazgo(
                            archivo: fila.archivo, hoja: fila.hojaArchivo, fila: fila.fila,
                            columna: fila.columnas[campo],
                            campo: campo, codigo: regla.codigo ?? "referencia-inexistente", severidad: regla.severidad,
                            regla: regla.clave, valor: v.textoParaMensaje,
                            mensaje: Mensajes.texto(
                                regla.codigo ?? "referencia-inexistente",
                                ["valor": v.textoParaMensaje, "esperado": hojaReferida])))
                }
            case .condicion(let expresion, _):
                guard let hoja = regla.hoja, let filas = diferidas[hoja], !filas.isEmpty,
                    metodologia.leePorAlias(expresion, enHoja: hoja)
                else { continue }
                for fila in filas {
                    var contexto = ContextoFila(
                        valores: fila.valores, metodologia: metodologia, instancia: contextoInstancia)
                    for r in metodologia.reglas(deHoja: hoja) {
                        if case .referencia(let campo, let hr, let cr, let alias?) = r.tipo,
                            let v = fila.valores[campo],
                            let fila = referidos["\(hr).\(cr)"]?[v]
                        {
                            contexto.alias[alias] = fila
                        }
                    }
                    if expresion.evaluar(en: contexto) == .logico(false) {
                        agregar(hallazgoDeRegla(regla, contexto: contexto, fila: fila))
                    }
                }
            case .completitud(let campo, let nombreCatalogo):
                guard let hoja = regla.hoja, presentes.contains(hoja),
                    let catalogo = metodologia.catalogos[nombreCatalogo]
                else { continue }
                let vistos = vistosCompletitud[indice] ?? []
                for entrada in catalogo.entradas where !vistos.contains(entrada.clave) {
                    agregar(
                        Hallazgo(
                            archivo: envio.nombre, hoja: hoja, campo: campo, codigo: regla.codigo ?? "entidad-faltante",
                            severidad: regla.severidad, regla: regla.clave, valor: entrada.etiqueta,
                            mensaje: Mensajes.texto(
                                regla.codigo ?? "entidad-faltante", ["valor": entrada.etiqueta, "hoja": hoja])))
                }
            case .hojasObligatorias(let nombreCatalogo, let columna, _):
                // Without its single-row sheet (Identificacion) the envío has no instancia at all.
                for hoja in metodologia.hojas where hoja.unaFila && !presentes.contains(hoja.clave) {
                    agregar(
                        Hallazgo(
                            archivo: envio.nombre, hoja: hoja.clave, codigo: "hoja-faltante",
                            severidad: regla.severidad,
                            regla: regla.clave, mensaje: Mensajes.texto("hoja-faltante", ["hoja": hoja.clave])))
                }
                guard let instancia, let entrada = metodologia.catalogos[nombreCatalogo]?.entrada(instancia) else {
                    continue
                }
                let obligatorias = (entrada.atributos[columna] ?? "").split(separator: "|").map(String.init)
                for hoja in obligatorias where !hojasSinInformacion.contains(hoja) {
                    guard metodologia.hoja(hoja) != nil else { continue }
                    if !presentes.contains(hoja) {
                        agregar(
                            Hallazgo(
                                archivo: envio.nombre, hoja: hoja, codigo: "hoja-faltante", severidad: regla.severidad,
                                regla: regla.clave, mensaje: Mensajes.texto("hoja-faltante", ["hoja": hoja])))
                    } else if (filasPorHoja[hoja] ?? 0) == 0 && !sinEncabezado.contains(hoja) {
                        agregar(
                            Hallazgo(
                                archivo: envio.nombre, hoja: hoja, codigo: "hoja-vacia", severidad: regla.severidad,
                                regla: regla.clave, mensaje: Mensajes.texto("hoja-vacia", ["hoja": hoja])))
                    }
                }
            case .variacionAnual(let medidas, let sube, let baja):
                guard let instancia, let anterior = validador.anioAnterior else { continue }
                for (hoja, total) in totales.sorted(by: { $0.key < $1.key }) {
                    let medida = medidas[hoja] ?? medidas["otras"] ?? "filas"
                    guard let previo = anterior.total(instancia: instancia, hoja: hoja, medida: medida), previo > 0
                    else {
                        continue
                    }
                    let cambio = (total - previo) / previo * 100
                    guard cambio > sube || cambio < -baja else { continue }
                    let signo = cambio > 0 ? "+" : ""
                    agregar(
                        Hallazgo(
                            archivo: envio.nombre, hoja: hoja, codigo: regla.codigo ?? "variacion-atipica",
                            severidad: regla.severidad, regla: regla.clave, valor: formatoNumero(total),
                            mensaje: Mensajes.texto(
                                "variacion-atipica",
                                [
                                    "hoja": hoja, "valor": formatoNumero(total),
                                    "esperado":
                                        "\(signo)\(formatoNumero((cambio * 10).rounded() / 10)) % (antes \(formatoNumero(previo)))",
                                ])))
                }
            default:
                continue
            }
        }
    }

    func hallazgoDeRegla(_ regla: Regla, contexto: ContextoFila, fila: FilaDiferida) -> Hallazgo {
        var campo = regla.celda
        if case .condicion(let expresion, _) = regla.tipo,
            let culpable = Self.campoQueFalla(expresion, contexto: contexto, campos: Set(fila.columnas.keys))
        {
            campo = culpable
        }
        return Hallazgo(
            archivo: fila.archivo, hoja: fila.hojaArchivo, fila: fila.fila,
            columna: campo.flatMap { fila.columnas[$0] },
            campo: campo, codigo: regla.codigo ?? "regla-incumplida", severidad: regla.severidad, regla: regla.clave,
            valor: campo.flatMap { c in fila.valores[c].map { mostrar($0, campo: c, hoja: regla.hoja) } },
            mensaje: mensajeDeRegla(regla, contexto: contexto))
    }

    /// The field whose value makes a condition fail, so that the finding goes in its cell: in
    /// `p => (a y b)`, the first of `a`, `b` that is false and reads exactly one field of the row.
    /// Nil when no single field can be blamed (the rule's own `celda:` is used then).
    static func campoQueFalla(_ e: Expresion, contexto: ContextoFila, campos: Set<String>) -> String? {
        switch e {
        case .binaria(.implica, _, let consecuente):
            return campoQueFalla(consecuente, contexto: contexto, campos: campos)
        case .binaria(.y, let a, let b):
            if a.evaluar(en: contexto) == .logico(false) {
                return campoQueFalla(a, contexto: contexto, campos: campos)
            }
            return campoQueFalla(b, contexto: contexto, campos: campos)
        default:
            guard e.evaluar(en: contexto) == .logico(false) else { return nil }
            let propios = Set(e.campos.filter { campos.contains($0) })
            return propios.count == 1 ? propios.first : nil
        }
    }

    /// The rule's message with `{campo}` filled in, then how to fix it.
    func mensajeDeRegla(_ regla: Regla, contexto: ContextoFila) -> String {
        var texto = regla.mensaje ?? "No se cumple la regla \(regla.clave)."
        while let abre = texto.firstIndex(of: "{"), let cierra = texto[abre...].firstIndex(of: "}") {
            let nombre = String(texto[texto.index(after: abre)..<cierra])
            let v = contexto.valor(de: nombre)
            texto.replaceSubrange(abre...cierra, with: mostrar(v, campo: nombre, hoja: regla.hoja))
        }
        if let c = regla.correccion { texto += " " + c }
        return texto
    }

    /// A value as a message shows it: catalog claves as their labels, dates as dd/mm/aaaa.
    func mostrar(_ v: Valor, campo: String, hoja: String?) -> String {
        guard case .texto(let clave) = v, let hoja, let h = metodologia.hoja(hoja), let c = h.campo(campo),
            case .catalogo(let nombre, _) = c.tipo
        else { return v.textoParaMensaje }
        return metodologia.catalogos[nombre]?.entrada(clave)?.etiqueta ?? metodologia.valoresExtra[clave] ?? clave
    }
}

extension Metodologia {
    /// Whether an expression of a sheet's rule reads another sheet through a reference alias
    /// (`victima.edad`); such a condition can only be judged once the whole envío has been read.
    func leePorAlias(_ expresion: Expresion, enHoja hoja: String) -> Bool {
        let alias = Set(
            reglas(deHoja: hoja).compactMap { regla -> String? in
                if case .referencia(_, _, _, let alias?) = regla.tipo { return alias }
                return nil
            })
        guard !alias.isEmpty else { return false }
        return expresion.campos.contains { id in
            let partes = id.split(separator: ".", maxSplits: 1)
            return partes.count == 2 && alias.contains(String(partes[0]))
        }
    }
}
