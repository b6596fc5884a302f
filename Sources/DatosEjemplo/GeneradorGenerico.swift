import Metodologia

/// Sample rows for any sheet of the methodology (a new year's new sheet needs no code): each field
/// gets a value of its type within its limits (its example, its catalog, the period), and a row is
/// drawn again until the sheet's condition rules hold for it.
extension GeneradorEjemplo {
    func generica(_ nombre: String, _ instancia: String, _ entidad: String?, _ azar: inout Azar) -> [FilaEjemplo] {
        guard let hoja = metodologia.hoja(nombre) else { return [] }
        let condiciones = metodologia.reglas(deHoja: nombre).compactMap { r -> Expresion? in
            if case .condicion(let e, _) = r.tipo { return e }
            return nil
        }
        let n = hoja.unaFila ? 1 : azar.entero(3...8)
        var filas: [FilaEjemplo] = []
        for i in 0..<n {
            var fila: FilaEjemplo = [:]
            for _ in 0..<60 {
                fila = Dictionary(
                    uniqueKeysWithValues: hoja.campos.map { ($0.clave, dato($0, i, instancia, entidad, &azar)) })
                let contexto = ContextoEjemplo(fila: fila, metodologia: metodologia, instancia: instancia)
                if condiciones.allSatisfy({ $0.evaluar(en: contexto) != .logico(false) }) { break }
            }
            filas.append(fila)
        }
        return filas
    }

    /// A value for one field of row `i`.
    func dato(_ campo: Campo, _ i: Int, _ instancia: String, _ entidad: String?, _ azar: inout Azar) -> Dato {
        if let igual = campo.igualA {
            if case .entero = campo.tipo, let n = Double(igual) { return .numero(n) }
            if case .decimal = campo.tipo, let n = Double(igual) { return .numero(n) }
            return .texto(igual)
        }
        switch campo.tipo {
        case .catalogo(let nombre, let extras):
            if nombre == "instancias", metodologia.catalogos[nombre]?.entrada(instancia) != nil {
                return .catalogo(nombre, clave: instancia)
            }
            if nombre == "entidades", let entidad { return .catalogo(nombre, clave: entidad) }
            let entradas = catalogo(nombre).entradas
            if entradas.isEmpty { return extras.first.map { .texto($0) } ?? .vacio }
            return .catalogo(nombre, clave: azar.elegir(entradas).clave)
        case .entero, .decimal:
            let entero = campo.tipo == .entero
            var bajo = campo.minimo ?? 0
            if let m = campo.mayorQue { bajo = max(bajo, entero ? m.rounded(.down) + 1 : m + 0.5) }
            let alto = max(bajo, campo.maximo ?? bajo + 100)
            let lo = Int(bajo.rounded(.up))
            let hi = max(lo, Int(min(alto, bajo + 1_000).rounded(.down)))
            let valor = Double(azar.entero(lo...hi))
            return .numero(entero ? valor : min(alto, valor + (valor + 0.5 <= alto ? 0.5 : 0)))
        case .fecha:
            return .fecha(diaDelAnio(&azar))
        case .correo:
            return .texto("enlace@\(instancia.lowercased()).gob.mx")
        case .texto:
            var t = campo.ejemplo ?? "\(campo.etiqueta) de ejemplo"
            if campo.unico || campo.patron != nil {
                // A folio: letters, digits and dashes, different in each row.
                let base = (campo.ejemplo ?? campo.clave).filter { $0.isLetter || $0.isNumber || $0 == "-" }
                t = "\(base.prefix(12))-\(instancia)-\(i + 1)"
            }
            if let largo = campo.largoMaximo { t = String(t.prefix(largo)) }
            return .texto(t)
        }
    }
}

/// What a sheet's condition rules see for a generated row.
struct ContextoEjemplo: ContextoEvaluacion {
    let fila: FilaEjemplo
    let metodologia: Metodologia
    let instancia: String

    func valor(de nombre: String) -> Valor {
        if let d = fila[nombre] {
            switch d {
            case .vacio: return .nulo
            case .texto(let t): return .texto(t)
            case .numero(let n): return .numero(n)
            case .fecha(let f): return .fecha(f.dias)
            case .catalogo(_, let clave): return .texto(clave)
            }
        }
        let partes = nombre.split(separator: ".", maxSplits: 1).map(String.init)
        guard partes.count == 2 else { return .nulo }
        switch partes[0] {
        case "periodo":
            return .fecha(partes[1] == "inicio" ? metodologia.periodo.inicio.dias : metodologia.periodo.fin.dias)
        case "instancia":
            if partes[1] == "clave" { return .texto(instancia) }
            let v = metodologia.catalogos["instancias"]?.entrada(instancia)?.atributos[partes[1]] ?? ""
            return v.isEmpty ? .nulo : .texto(v)
        default:
            return .nulo
        }
    }

    func atributo(catalogo: String, clave: String, columna: String) -> String? {
        metodologia.catalogos[catalogo]?.entrada(clave)?.atributos[columna]
    }
}
