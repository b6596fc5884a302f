import Foundation
import Yams

/// Loading `indicadores.yaml`: formulas checked against the sheets and fields they name.
extension CargadorMetodologia {
    mutating func exigirCampos(_ campos: [String], _ n: Node?, regla clave: String, hoja: Hoja?) {
        guard let hoja else { return }
        for c in campos where hoja.campo(c) == nil {
            problema("\(clave): la hoja «\(hoja.clave)» no tiene el campo «\(c)»", n)
        }
    }

    /// An indicator's formula must name sheets and fields that exist (else it would silently give 0):
    /// the first argument of `filas`, `suma` and `distintos` is a sheet; what they read, a field of it;
    /// any other name, an indicator defined before this one.
    mutating func revisarFormula(_ e: Expresion, _ nodo: Node?, indicador: String, hojas: [Hoja], anteriores: [String])
    {
        let agregados: Set<String> = ["filas", "suma", "distintos"]
        var dentro = Set<String>()
        for (nombre, args) in e.llamadas where agregados.contains(nombre) {
            let hojaNombrada: String?
            switch args.first {
            case .campo(let h)?: hojaNombrada = h
            case .donde(.campo(let h), _)?: hojaNombrada = h
            default: hojaNombrada = nil
            }
            guard let h = hojaNombrada else {
                problema("el indicador «\(indicador)»: «\(nombre)» debe nombrar primero una hoja", nodo)
                continue
            }
            dentro.insert(h)
            guard let hoja = hojas.first(where: { $0.clave == h }) else {
                problema(
                    "el indicador «\(indicador)» usa la hoja «\(h)», que no existe (las hojas son "
                        + hojas.map(\.clave).joined(separator: ", ") + ")", nodo)
                continue
            }
            let campos = Set(hoja.campos.map(\.clave))
            for a in args {
                for c in a.campos where c != h && !c.contains(".") {
                    dentro.insert(c)
                    if !campos.contains(c) {
                        problema("el indicador «\(indicador)» usa el campo «\(c)», que la hoja «\(h)» no tiene", nodo)
                    }
                }
            }
        }
        for c in e.campos where !dentro.contains(c) && !c.contains(".") && !anteriores.contains(c) {
            problema(
                "el indicador «\(indicador)» nombra «\(c)», que no es una hoja en filas/suma/distintos ni un indicador anterior",
                nodo)
        }
    }

    mutating func cargarIndicadores(_ nombre: String, hojas: [Hoja]) -> ([Indicador], [GrupoEdad]) {
        guard let raiz = leerYAML(nombre) else { return ([], []) }
        var indicadores: [Indicador] = []
        for nodo in elementos(raiz["indicadores"]) {
            guard let clave = texto(nodo, "clave") else { continue }
            if indicadores.contains(where: { $0.clave == clave }) { problema("indicador «\(clave)» repetido", nodo) }
            guard let tn = texto(nodo, "numerador"), let numerador = expresion(tn, nodo["numerador"], de: clave) else {
                continue
            }
            let denominador = texto(nodo, "denominador", requerido: false).flatMap {
                expresion($0, nodo["denominador"], de: clave)
            }
            var desagregaciones: [Indicador.Desagregacion] = []
            for d in elementos(nodo["desagregaciones"]) {
                guard let por = texto(d, "por") else { continue }
                var partes: [(String, Expresion)] = []
                for (k, v) in pares(d["partes"]) {
                    if let cat = k.scalar?.string, let f = v.scalar?.string, let e = expresion(f, v) {
                        partes.append((cat, e))
                    }
                }
                desagregaciones.append(
                    .init(
                        por: por, campo: texto(d, "campo", requerido: false),
                        derivadoDe: texto(d, "derivado_de", requerido: false), partes: partes,
                        cuenta: texto(d, "cuenta", requerido: false)))
                if siNo(d, "razon") {
                    if denominador == nil {
                        problema(
                            "la desagregación «\(por)» de «\(clave)» es una razón, pero el indicador no tiene denominador",
                            d)
                    }
                    desagregaciones[desagregaciones.count - 1].razonPorCategoria = true
                }
            }
            for (e, n) in [(numerador, nodo["numerador"]), (denominador, nodo["denominador"])] {
                guard let e else { continue }
                revisarFormula(e, n, indicador: clave, hojas: hojas, anteriores: indicadores.map(\.clave))
            }
            var base: (Int, Double)?
            if let b = nodo["linea_base"], let a = entero(b, "anio"), let v = numero(b, "valor") { base = (a, v) }
            // The target: `meta: {anio, valor}`, or a key `meta_<año>`.
            var meta: (Int, Double)?
            if let m = nodo["meta"], let a = entero(m, "anio"), let v = numero(m, "valor") { meta = (a, v) }
            for (k, _) in pares(nodo) {
                guard let nombre = k.string, nombre.hasPrefix("meta_"), let a = Int(nombre.dropFirst(5)) else {
                    continue
                }
                if meta != nil { problema("el indicador «\(clave)» tiene más de una meta", k) }
                if let v = numero(nodo, nombre) { meta = (a, v) }
            }
            indicadores.append(
                Indicador(
                    clave: clave, nombre: texto(nodo, "nombre") ?? clave, objetivo: entero(nodo, "objetivo") ?? 0,
                    definicion: texto(nodo, "definicion") ?? "", numerador: numerador, denominador: denominador,
                    unidad: texto(nodo, "unidad") ?? "", sentido: texto(nodo, "sentido") ?? "ascendente",
                    lineaBase: base, meta: meta, desagregaciones: desagregaciones))
        }
        var grupos: [GrupoEdad] = []
        for g in elementos(raiz["grupos_de_edad"]) {
            if let c = texto(g, "clave"), let d = entero(g, "desde"), let h = entero(g, "hasta") {
                grupos.append(GrupoEdad(clave: c, desde: d, hasta: h))
            }
        }
        return (indicadores, grupos)
    }
}
