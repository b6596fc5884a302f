import Foundation
import Spreadsheet
import Yams

extension Metodologia {
    /// Loads and checks a methodology folder. Every problem found (a field pointing to a missing
    /// catalog, a rule naming a missing field, duplicate keys, syntax errors…) is reported at once.
    public static func cargar(carpeta: URL) throws(ErrorMetodologia) -> Metodologia {
        var cargador = CargadorMetodologia(carpeta: carpeta)
        return try cargador.cargar()
    }
}

/// Reads the YAML files node by node, so each problem carries its file and line.
struct CargadorMetodologia {
    let carpeta: URL
    var problemas: [ErrorMetodologia.Problema] = []
    var archivo = ""
    /// Files that could not be read as YAML: their one problem is reported, not every key they lack.
    var ilegibles: Set<String> = []

    init(carpeta: URL) { self.carpeta = carpeta }

    mutating func problema(_ mensaje: String, _ nodo: Node?) {
        if nodo == nil && ilegibles.contains(archivo) && mensaje.hasPrefix("falta") { return }
        problemas.append(.init(archivo: archivo, linea: nodo?.mark.map { $0.line }, mensaje: mensaje))
    }

    /// Files already read by ``leerEnParalelo(_:mientras:)``.
    var leidos: [String: YAMLLeido] = [:]

    mutating func texto(_ nodo: Node?, _ clave: String, requerido: Bool = true) -> String? {
        guard let valor = nodo?[clave] else {
            if requerido { problema("falta «\(clave)»", nodo) }
            return nil
        }
        guard let s = valor.scalar?.string else {
            problema("«\(clave)» debe ser un texto", valor)
            return nil
        }
        return s
    }

    mutating func entero(_ nodo: Node?, _ clave: String, requerido: Bool = true) -> Int? {
        guard let s = texto(nodo, clave, requerido: requerido) else { return nil }
        guard let n = Int(s) else {
            problema("«\(clave)» debe ser un número entero, no «\(s)»", nodo?[clave])
            return nil
        }
        return n
    }

    mutating func numero(_ nodo: Node?, _ clave: String) -> Double? {
        guard let s = texto(nodo, clave, requerido: false) else { return nil }
        guard let n = Double(s) else {
            problema("«\(clave)» debe ser un número, no «\(s)»", nodo?[clave])
            return nil
        }
        return n
    }

    mutating func siNo(_ nodo: Node?, _ clave: String) -> Bool {
        guard let s = texto(nodo, clave, requerido: false) else { return false }
        switch s.lowercased() {
        case "si", "sí", "true", "yes": return true
        case "no", "false": return false
        default:
            problema("«\(clave)» debe ser si o no, no «\(s)»", nodo?[clave])
            return false
        }
    }

    /// The key–value pairs of a mapping node (none when it is absent or not a mapping). Not `?? [:]`: an
    /// empty `Node.Mapping` (or `Node.Sequence`) literal takes Yams' default resolver, whose first use
    /// compiles a dozen ICU regular expressions (~2 ms of every process that loads a methodology).
    func pares(_ nodo: Node?) -> [(Node, Node)] {
        nodo?.mapping.map { $0.map { ($0.key, $0.value) } } ?? []
    }

    /// The items of a sequence node (none when it is absent or not a sequence); see ``pares(_:)``.
    func elementos(_ nodo: Node?) -> [Node] {
        nodo?.sequence.map(Array.init) ?? []
    }

    mutating func lista(_ nodo: Node?, _ clave: String, requerido: Bool = false) -> [String] {
        guard let valor = nodo?[clave] else {
            if requerido { problema("falta «\(clave)»", nodo) }
            return []
        }
        guard let seq = valor.sequence else {
            problema("«\(clave)» debe ser una lista", valor)
            return []
        }
        return seq.compactMap { $0.scalar?.string }
    }

    mutating func expresion(_ texto: String, _ nodo: Node?, de duenio: String? = nil) -> Expresion? {
        do {
            return try Expresion(analizando: texto)
        } catch {
            let prefijo = duenio.map { "\($0): " } ?? ""
            problema(
                "\(prefijo)expresión no válida «\(texto)»: \(error.mensaje) (carácter \(error.posicion + 1))", nodo)
            return nil
        }
    }

    // MARK: Loading

    mutating func cargar() throws(ErrorMetodologia) -> Metodologia {
        let raiz = leerYAML("instrumento.yaml")
        let anio = entero(raiz, "anio") ?? 0
        let version = texto(raiz, "version") ?? ""
        var periodo = Periodo(inicio: Fecha(dias: 0), fin: Fecha(dias: 0))
        if let p = raiz?["periodo"] {
            let i = texto(p, "inicio").flatMap { Fecha(texto: $0) }
            let f = texto(p, "fin").flatMap { Fecha(texto: $0) }
            if i == nil || f == nil { problema("el periodo necesita fechas aaaa-mm-dd en «inicio» y «fin»", p) }
            periodo = Periodo(inicio: i ?? Fecha(dias: 0), fin: f ?? Fecha(dias: 0))
        } else {
            problema("falta «periodo»", raiz)
        }
        let sinDato = lista(raiz, "sin_dato")
        let ignoradas = lista(raiz, "hojas_ignoradas")
        let filas = entero(raiz, "filas_para_encabezado", requerido: false) ?? 10
        let k = entero(raiz?["confidencialidad"], "k") ?? 5
        let archivos = raiz?["archivos"]
        let nombreHojas = texto(archivos, "hojas") ?? "hojas.yaml"
        let nombreCatalogos = texto(archivos, "catalogos") ?? "catalogos.yaml"
        let nombreReglas = texto(archivos, "reglas") ?? "reglas.yaml"
        let nombreIndicadores = texto(archivos, "indicadores") ?? "indicadores.yaml"

        // The sheets', rules' and indicators' files are parsed on another core while this one loads
        // the catalogs (their CSV files), which the sheets need first.
        var (catalogos, extras): ([String: Catalogo], [String: String]) = ([:], [:])
        leerEnParalelo([nombreHojas, nombreReglas, nombreIndicadores].filter { $0 != nombreCatalogos }) {
            (catalogos, extras) = $0.cargarCatalogos(nombreCatalogos)
        }
        let hojas = cargarHojas(nombreHojas, anio: anio, version: version, catalogos: catalogos, extras: extras)
        let reglas = cargarReglas(nombreReglas, hojas: hojas, catalogos: catalogos)
        let (indicadores, grupos) = cargarIndicadores(nombreIndicadores, hojas: hojas)

        if !problemas.isEmpty { throw ErrorMetodologia(problemas: problemas) }
        var metodologia = Metodologia(
            anio: anio, version: version, periodo: periodo, sinDato: sinDato, hojasIgnoradas: ignoradas,
            filasParaEncabezado: filas, umbralConfidencialidad: k, hojas: hojas, catalogos: catalogos,
            valoresExtra: extras, reglas: reglas, indicadores: indicadores, gruposDeEdad: grupos, carpeta: carpeta)
        metodologia.sinDatoNormalizado = Set(sinDato.map(normalizar))
        return metodologia
    }

    mutating func cargarCatalogos(_ nombre: String) -> ([String: Catalogo], [String: String]) {
        guard let raiz = leerYAML(nombre), let mapa = raiz["catalogos"]?.mapping else {
            if problemas.last?.archivo != nombre { problema("falta «catalogos»", nil) }
            return ([:], [:])
        }
        var catalogos: [String: Catalogo] = [:]
        for (claveNodo, def) in mapa {
            guard let nombreCatalogo = claveNodo.scalar?.string else { continue }
            if catalogos[nombreCatalogo] != nil { problema("catálogo «\(nombreCatalogo)» repetido", claveNodo) }
            guard let ruta = texto(def, "archivo") else { continue }
            let columnaClave = texto(def, "clave", requerido: false) ?? "clave"
            let columnaEtiqueta = texto(def, "etiqueta", requerido: false) ?? "etiqueta"
            let columnasSinonimos = def["sinonimos"] == nil ? ["sinonimos"] : lista(def, "sinonimos")
            let numerica = siNo(def, "clave_numerica")
            let url = carpeta.appendingPathComponent(ruta)
            guard let filas = leerCSV(url) else {
                problema("catálogo «\(nombreCatalogo)»: no se pudo leer \(ruta)", def)
                continue
            }
            guard let encabezados = filas.first else {
                problema("catálogo «\(nombreCatalogo)»: \(ruta) está vacío", def)
                continue
            }
            for columna in [columnaClave, columnaEtiqueta] where !encabezados.contains(columna) {
                problema("catálogo «\(nombreCatalogo)»: \(ruta) no tiene la columna «\(columna)»", def)
            }
            var entradas: [Catalogo.Entrada] = []
            var vistas = Set<String>()
            for fila in filas.dropFirst() {
                var atributos: [String: String] = [:]
                for (i, h) in encabezados.enumerated() where i < fila.count { atributos[h] = fila[i] }
                guard let clave = atributos[columnaClave], !clave.isEmpty else { continue }
                if !vistas.insert(clave).inserted {
                    problema("catálogo «\(nombreCatalogo)»: la clave «\(clave)» se repite en \(ruta)", def)
                }
                let sinonimos = columnasSinonimos.flatMap {
                    (atributos[$0] ?? "").split(separator: "|").map(sinEspaciosAlBorde)
                }.filter { !$0.isEmpty }
                entradas.append(
                    .init(
                        clave: clave, etiqueta: atributos[columnaEtiqueta] ?? clave, sinonimos: sinonimos,
                        atributos: atributos))
            }
            catalogos[nombreCatalogo] = Catalogo(nombre: nombreCatalogo, entradas: entradas, claveNumerica: numerica)
        }
        var extras: [String: String] = [:]
        if let mapaExtras = raiz["valores_extra"]?.mapping {
            for (k, v) in mapaExtras {
                if let k = k.scalar?.string, let v = v.scalar?.string { extras[k] = v }
            }
        }
        return (catalogos, extras)
    }

    /// `texto` with every `marca` (such as `{anio}`) replaced by `valor`, without Foundation's strings.
    static func sustituir(_ marca: String, por valor: String, en texto: String) -> String {
        let m = Array(marca.utf8)
        let t = Array(texto.utf8)
        guard let primero = m.first, t.count >= m.count else { return texto }
        var out: [UInt8] = []
        out.reserveCapacity(t.count)
        var i = 0
        while i < t.count {
            if t[i] == primero, i + m.count <= t.count, t[i..<(i + m.count)].elementsEqual(m) {
                out += valor.utf8
                i += m.count
            } else {
                out.append(t[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    func leerCSV(_ url: URL) -> [[String]]? {
        guard let reader = try? CSVReader(path: url.path, options: CSVOptions(delimiter: UInt8(ascii: ","))) else {
            return nil
        }
        var filas: [[String]] = []
        do {
            while let fila = try reader.next() {
                filas.append(fila.denseValues.map { $0.map(\.normalizedText) ?? "" })
            }
        } catch { return nil }
        return filas
    }

    mutating func cargarHojas(
        _ nombre: String, anio: Int, version: String, catalogos: [String: Catalogo], extras: [String: String]
    ) -> [Hoja] {
        guard let raiz = leerYAML(nombre) else { return [] }
        guard let lista = raiz["hojas"]?.sequence else {
            problema("falta la lista «hojas»", raiz)
            return []
        }
        var hojas: [Hoja] = []
        for nodo in lista {
            guard let clave = texto(nodo, "hoja") else { continue }
            if hojas.contains(where: { $0.clave == clave }) { problema("hoja «\(clave)» repetida", nodo) }
            let filas = texto(nodo, "filas", requerido: false) ?? "varias"
            if filas != "una" && filas != "varias" { problema("«filas» debe ser una o varias", nodo["filas"]) }
            var campos: [Campo] = []
            for c in elementos(nodo["campos"]) {
                guard let claveCampo = texto(c, "clave") else { continue }
                if campos.contains(where: { $0.clave == claveCampo }) {
                    problema("el campo «\(claveCampo)» se repite en la hoja «\(clave)»", c)
                }
                let textoTipo = texto(c, "tipo") ?? "texto"
                guard let tipo = TipoCampo(texto: textoTipo) else {
                    problema("tipo desconocido «\(textoTipo)» en \(clave).\(claveCampo)", c["tipo"])
                    continue
                }
                if case .catalogo(let cat, let extrasCampo) = tipo {
                    if catalogos[cat] == nil {
                        problema("el campo \(clave).\(claveCampo) usa el catálogo «\(cat)», que no existe", c["tipo"])
                    }
                    for e in extrasCampo where extras[e] == nil {
                        problema(
                            "el valor extra «\(e)» de \(clave).\(claveCampo) no está en «valores_extra»", c["tipo"])
                    }
                }
                var campo = Campo(
                    clave: claveCampo, etiqueta: texto(c, "etiqueta") ?? claveCampo, tipo: tipo,
                    requerido: siNo(c, "requerido"))
                campo.unico = siNo(c, "unico")
                campo.patron = texto(c, "patron", requerido: false)
                if let p = campo.patron, Patron(p) == nil {
                    problema("patrón no válido «\(p)» en \(clave).\(claveCampo)", c["patron"])
                }
                campo.minimo = numero(c, "minimo")
                campo.maximo = numero(c, "maximo")
                campo.mayorQue = numero(c, "mayor_que")
                campo.largoMaximo = entero(c, "largo_maximo", requerido: false)
                campo.vacioEs = numero(c, "vacio_es")
                campo.igualA = texto(c, "igual_a", requerido: false).map {
                    Self.sustituir("{version}", por: version, en: Self.sustituir("{anio}", por: String(anio), en: $0))
                }
                campo.codigo = texto(c, "codigo", requerido: false)
                campo.listaDeHojas = siNo(c, "lista_de_hojas")
                campo.ejemplo = texto(c, "ejemplo", requerido: false)
                campos.append(campo)
            }
            if campos.isEmpty { problema("la hoja «\(clave)» no tiene campos", nodo) }
            hojas.append(
                Hoja(
                    clave: clave, descripcion: texto(nodo, "descripcion", requerido: false) ?? "",
                    objetivo: entero(nodo, "objetivo", requerido: false) ?? 0, unaFila: filas == "una", campos: campos))
        }
        return hojas
    }
}
