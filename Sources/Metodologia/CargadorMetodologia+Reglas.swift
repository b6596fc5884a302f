import Foundation
import Yams

/// Loading `reglas.yaml`: cross-field and cross-sheet rules, each checked against the sheets and catalogs.
extension CargadorMetodologia {
    mutating func cargarReglas(_ nombre: String, hojas: [Hoja], catalogos: [String: Catalogo]) -> [Regla] {
        guard let raiz = leerYAML(nombre) else { return [] }
        guard let nodos = raiz["reglas"]?.sequence else {
            problema("falta la lista «reglas»", raiz)
            return []
        }
        // Aliases declared by reference rules, per sheet: alias → referenced sheet.
        var alias: [String: [String: String]] = [:]
        for nodo in nodos where nodo["tipo"]?.scalar?.string == "referencia" {
            if let h = nodo["hoja"]?.scalar?.string, let a = nodo["alias"]?.scalar?.string,
                let r = nodo["hoja_referida"]?.scalar?.string
            {
                alias[h, default: [:]][a] = r
            }
        }
        var reglas: [Regla] = []
        for nodo in nodos {
            guard let clave = texto(nodo, "clave") else { continue }
            let origen = "\(archivo):\(nodo.mark?.line ?? 0)"
            let textoTipo = texto(nodo, "tipo") ?? ""
            let textoSeveridad = texto(nodo, "severidad") ?? "error"
            guard let severidad = Severidad(rawValue: textoSeveridad) else {
                problema("\(clave): severidad «\(textoSeveridad)» desconocida (error o advertencia)", nodo["severidad"])
                continue
            }
            let nombreHoja = texto(nodo, "hoja", requerido: false)
            let hoja = nombreHoja.flatMap { n in hojas.first { $0.clave == n } }
            if let nombreHoja, hoja == nil { problema("\(clave): la hoja «\(nombreHoja)» no existe", nodo["hoja"]) }
            let requiereHoja = ["en_periodo", "condicion", "unico", "referencia", "completitud"].contains(textoTipo)
            if requiereHoja && nombreHoja == nil { problema("\(clave): falta «hoja»", nodo) }
            var tipo: Regla.Tipo?
            switch textoTipo {
            case "en_periodo":
                let campos = lista(nodo, "campos", requerido: true)
                exigirCampos(campos, nodo["campos"], regla: clave, hoja: hoja)
                tipo = .enPeriodo(campos: campos)
            case "condicion":
                guard let t = texto(nodo, "condicion"), let e = expresion(t, nodo["condicion"], de: clave) else {
                    break
                }
                for id in e.campos {
                    let partes = id.split(separator: ".", maxSplits: 1).map(String.init)
                    if partes.count == 2 {
                        if partes[0] == "periodo" {
                            if !["inicio", "fin"].contains(partes[1]) {
                                problema("\(clave): «\(id)» no existe", nodo["condicion"])
                            }
                        } else if partes[0] == "instancia" {
                            if !["clave", "tipo", "entidad"].contains(partes[1]) {
                                problema("\(clave): «\(id)» no existe", nodo["condicion"])
                            }
                        } else if let h = nombreHoja, let referida = alias[h]?[partes[0]] {
                            if let hr = hojas.first(where: { $0.clave == referida }), hr.campo(partes[1]) == nil {
                                problema(
                                    "\(clave): la hoja «\(referida)» no tiene el campo «\(partes[1])»",
                                    nodo["condicion"])
                            }
                        } else {
                            problema("\(clave): «\(partes[0])» no es un alias declarado en la hoja", nodo["condicion"])
                        }
                    } else {
                        exigirCampos([id], nodo["condicion"], regla: clave, hoja: hoja)
                    }
                }
                for (funcion, args) in e.llamadas {
                    if !funcionesIntegradas.contains(funcion) {
                        problema("\(clave): la función «\(funcion)» no existe", nodo["condicion"])
                    }
                    if funcion == "atributo", case .texto(let cat)? = args.first, catalogos[cat] == nil {
                        problema("\(clave): el catálogo «\(cat)» no existe", nodo["condicion"])
                    }
                }
                tipo = .condicion(e, texto: t)
            case "unico":
                let campos = lista(nodo, "campos", requerido: true)
                exigirCampos(campos, nodo["campos"], regla: clave, hoja: hoja)
                tipo = .unico(campos: campos)
            case "referencia":
                guard let campo = texto(nodo, "campo"), let hr = texto(nodo, "hoja_referida"),
                    let cr = texto(nodo, "campo_referido")
                else { break }
                exigirCampos([campo], nodo["campo"], regla: clave, hoja: hoja)
                if let referida = hojas.first(where: { $0.clave == hr }) {
                    if referida.campo(cr) == nil {
                        problema("\(clave): la hoja «\(hr)» no tiene el campo «\(cr)»", nodo)
                    }
                } else {
                    problema("\(clave): la hoja «\(hr)» no existe", nodo["hoja_referida"])
                }
                tipo = .referencia(
                    campo: campo, hoja: hr, campoReferido: cr, alias: texto(nodo, "alias", requerido: false))
            case "completitud":
                guard let campo = texto(nodo, "campo"), let cat = texto(nodo, "catalogo") else { break }
                exigirCampos([campo], nodo["campo"], regla: clave, hoja: hoja)
                if catalogos[cat] == nil { problema("\(clave): el catálogo «\(cat)» no existe", nodo["catalogo"]) }
                tipo = .completitud(campo: campo, catalogo: cat)
            case "hojas_obligatorias":
                guard let cat = texto(nodo, "catalogo"), let columna = texto(nodo, "columna"),
                    let declaradas = texto(nodo, "declaradas_en")
                else { break }
                if let c = catalogos[cat] {
                    if let e = c.entradas.first, e.atributos[columna] == nil {
                        problema("\(clave): el catálogo «\(cat)» no tiene la columna «\(columna)»", nodo["columna"])
                    }
                } else {
                    problema("\(clave): el catálogo «\(cat)» no existe", nodo["catalogo"])
                }
                let partes = declaradas.split(separator: ".").map(String.init)
                guard partes.count == 2, let h = hojas.first(where: { $0.clave == partes[0] }),
                    h.campo(partes[1]) != nil
                else {
                    problema("\(clave): «declaradas_en» debe nombrar Hoja.campo existentes, no «\(declaradas)»", nodo)
                    break
                }
                tipo = .hojasObligatorias(catalogo: cat, columna: columna, declaradasEn: (partes[0], partes[1]))
            case "encabezados_prohibidos":
                var excepciones: [String: [String]] = [:]
                for (k, v) in pares(nodo["excepciones"]) {
                    if let h = k.scalar?.string {
                        if !hojas.contains(where: { $0.clave == h }) {
                            problema("\(clave): la hoja «\(h)» no existe", k)
                        }
                        excepciones[h] = elementos(v).compactMap { $0.scalar?.string }
                    }
                }
                tipo = .encabezadosProhibidos(
                    palabras: lista(nodo, "palabras", requerido: true), excepciones: excepciones)
            case "variacion_anual":
                var medidas: [String: String] = [:]
                for (k, v) in pares(nodo["medidas"]) {
                    if let h = k.scalar?.string, let f = v.scalar?.string {
                        if h != "otras" && !hojas.contains(where: { $0.clave == h }) {
                            problema("\(clave): la hoja «\(h)» no existe", k)
                        }
                        medidas[h] = f
                    }
                }
                tipo = .variacionAnual(
                    medidas: medidas, subeMasDe: numero(nodo, "sube_mas_de") ?? 100,
                    bajaMasDe: numero(nodo, "baja_mas_de") ?? 50)
            default:
                problema("\(clave): tipo de regla desconocido «\(textoTipo)»", nodo["tipo"])
            }
            let celda = texto(nodo, "celda", requerido: false)
            if let celda { exigirCampos([celda], nodo["celda"], regla: clave, hoja: hoja) }
            if let codigo = texto(nodo, "codigo", requerido: false), !CodigosHallazgo.todos.contains(codigo) {
                problema("\(clave): código de hallazgo desconocido «\(codigo)»", nodo["codigo"])
            }
            guard let tipo else { continue }
            var regla = Regla(
                clave: clave, hoja: nombreHoja, tipo: tipo, severidad: severidad,
                codigo: texto(nodo, "codigo", requerido: false), celda: celda,
                mensaje: texto(nodo, "mensaje", requerido: false),
                correccion: texto(nodo, "correccion", requerido: false),
                origen: origen)
            regla.descripcion = texto(nodo, "descripcion", requerido: false)
            reglas.append(regla)
        }
        return reglas
    }
}
