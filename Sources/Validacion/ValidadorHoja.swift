import Metodologia
import Spreadsheet

/// Reads one sheet of an envío: finds its header, maps its columns, checks every row as it streams
/// by, and applies the rules that a single row can decide.
struct ValidadorHoja {
    let hoja: Hoja
    let fuente: Envio.Fuente
    let metodologia: Metodologia
    /// Column index → field.
    var columnas: [Int: Campo] = [:]
    var columnaDe: [String: Int] = [:]
    /// The fields present in the file with their column, in the methodology's order (read per row).
    var leidos: [CampoLeido] = []
    /// Where in ``leidos`` the fields whose values must be unique are.
    var unicosLeidos: [Int] = []
    /// A row's values before it is read: every field of ``leidos`` null. Each row starts from a copy and
    /// sets its values by their places (``lugares``, in the order of ``leidos``), which a copy keeps:
    /// no field name is hashed per cell.
    var plantilla: [String: Valor] = [:]
    var lugares: [Dictionary<String, Valor>.Index] = []
    /// Columns whose header reveals personal data: never read.
    var prohibidas: Set<Int> = []
    var unicosCompuestos: [Int: [[Valor]: Int]] = [:]
    var filasConDatos = 0
    var total = 0.0
    /// The sheet's rules with their place in the methodology, boxed: walking them for each row then
    /// retains one reference per rule instead of copying every string and list inside it.
    let reglas: [ReglaDeHoja]
    /// Conditions that read another sheet through a reference alias: judged after the whole envío.
    let diferidas: Set<Int>
    let medida: Expresion?
    let cuentaFilas: Bool
    /// Fields of this sheet that other sheets refer to (`hoja.campo`, campo), and whether this
    /// sheet's own rules refer to another sheet: both decided once, not per row.
    let referidos: [(clave: String, campo: String)]
    let tieneReferencias: Bool

    init(hoja: Hoja, fuente: Envio.Fuente, metodologia: Metodologia) {
        self.hoja = hoja
        self.fuente = fuente
        self.metodologia = metodologia
        reglas = metodologia.reglas.enumerated().filter { $0.element.hoja == hoja.clave }.map {
            ReglaDeHoja(indice: $0.offset, regla: $0.element)
        }
        diferidas = Set(
            reglas.compactMap { r in
                if case .condicion(let expresion, _) = r.regla.tipo,
                    metodologia.leePorAlias(expresion, enHoja: hoja.clave)
                {
                    return r.indice
                }
                return nil
            })
        referidos = metodologia.reglas.compactMap { regla in
            if case .referencia(_, let hr, let cr, _) = regla.tipo, hr == hoja.clave { return ("\(hr).\(cr)", cr) }
            return nil
        }
        tieneReferencias = reglas.contains { r in
            if case .referencia = r.regla.tipo { return true }
            return false
        }
        var medidaTexto = "filas"
        for regla in metodologia.reglas {
            if case .variacionAnual(let medidas, _, _) = regla.tipo {
                medidaTexto = medidas[hoja.clave] ?? medidas["otras"] ?? "filas"
            }
        }
        cuentaFilas = medidaTexto == "filas"
        if !cuentaFilas, case .llamada("suma", let args)? = try? Expresion(analizando: medidaTexto), args.count == 1 {
            medida = args[0]
        } else {
            medida = nil
        }
    }

    func hallazgo(
        _ codigo: String, variante: String? = nil, fila: Int? = nil, columna: Int? = nil, campo: Campo? = nil,
        severidad: Severidad = .error, regla: String? = nil, valor: String? = nil, datos: [String: String] = [:]
    ) -> Hallazgo {
        var datos = datos
        datos["hoja"] = datos["hoja"] ?? fuente.nombreHoja
        if let campo { datos["campo"] = datos["campo"] ?? campo.etiqueta }
        return Hallazgo(
            archivo: fuente.archivo, hoja: fuente.nombreHoja, fila: fila, columna: columna, campo: campo?.clave,
            codigo: codigo, severidad: severidad, regla: regla, valor: valor,
            mensaje: Mensajes.texto(variante.map { "\(codigo)/\($0)" } ?? codigo, datos))
    }

    mutating func procesar(en proceso: inout ProcesoEnvio) {
        let filas: any RowReader
        do {
            filas = try fuente.abrir()
        } catch {
            proceso.agregar(hallazgo("archivo-ilegible", datos: ["detalle": error.message]))
            return
        }
        // The header is searched in the first rows; they are kept until it is found.
        var primeras: [Row] = []
        var encabezado: Row?
        do {
            while let fila = try filas.next() {
                if encabezado == nil {
                    if fila.index < metodologia.filasParaEncabezado {
                        primeras.append(fila)
                        continue
                    }
                    encabezado = elegirEncabezado(primeras)
                    guard let e = encabezado else { break }
                    leerEncabezado(e, en: &proceso)
                    for anterior in primeras where anterior.index > e.index { procesarFila(anterior, en: &proceso) }
                }
                procesarFila(fila, en: &proceso)
            }
            if encabezado == nil, let e = elegirEncabezado(primeras) {
                encabezado = e
                leerEncabezado(e, en: &proceso)
                for anterior in primeras where anterior.index > e.index { procesarFila(anterior, en: &proceso) }
            }
        } catch {
            proceso.agregar(hallazgo("archivo-ilegible", datos: ["detalle": error.message]))
        }
        for aviso in filas.warnings {
            proceso.agregar(
                Hallazgo(
                    archivo: fuente.archivo, hoja: fuente.nombreHoja, codigo: "formato-invalido",
                    severidad: .advertencia,
                    mensaje: aviso))
        }
        guard encabezado != nil else {
            // A sheet with nothing in it is empty (R-ENV-01 says whether that matters), not headerless.
            if primeras.isEmpty { return }
            proceso.sinEncabezado.insert(hoja.clave)
            proceso.agregar(
                hallazgo(
                    "encabezado-no-encontrado",
                    datos: [
                        "esperado": String(metodologia.filasParaEncabezado),
                        "ejemplo": hoja.campos.prefix(3).map(\.etiqueta).joined(separator: "», «"),
                    ]))
            return
        }
        proceso.filasPorHoja[hoja.clave, default: 0] += filasConDatos
        proceso.totales[hoja.clave, default: 0] += cuentaFilas ? Double(filasConDatos) : total
        if hoja.unaFila && filasConDatos != 1 {
            proceso.agregar(
                hallazgo(
                    "identificacion-invalida", variante: "filas", valor: String(filasConDatos),
                    datos: ["valor": String(filasConDatos)]))
        }
    }

    /// The row (among the first ones) whose cells name the most fields, if it names enough of them.
    func elegirEncabezado(_ filas: [Row]) -> Row? {
        let nombres = Set(hoja.campos.flatMap { [normalizar($0.clave), normalizar($0.etiqueta)] })
        var mejor: (Row, Int)?
        for fila in filas {
            let aciertos = fila.cells.filter { celda in
                if case .text(let t) = celda.value { return nombres.contains(normalizar(t)) }
                return false
            }.count
            if aciertos > (mejor?.1 ?? 0) { mejor = (fila, aciertos) }
        }
        guard let mejor, mejor.1 >= min(2, hoja.campos.count) else { return nil }
        return mejor.0
    }

    mutating func leerEncabezado(_ fila: Row, en proceso: inout ProcesoEnvio) {
        var palabras: [String] = []
        var excepciones: [String] = []
        var reglaPersonal: Regla?
        for regla in metodologia.reglas {
            if case .encabezadosProhibidos(let p, let e) = regla.tipo {
                palabras = p.map(normalizar)
                excepciones = (e[hoja.clave] ?? []).map(normalizar)
                reglaPersonal = regla
            }
        }
        for celda in fila.cells {
            let texto = sinEspaciosAlBorde(Substring(LectorValores.textoVisible(celda.value)))
            if texto.isEmpty { continue }
            let n = normalizar(texto)
            let campo = hoja.campos.first { normalizar($0.clave) == n || normalizar($0.etiqueta) == n }
            let permitido = campo.map { excepciones.contains(normalizar($0.clave)) } ?? false
            if let reglaPersonal, !permitido, palabras.contains(where: { n.contains($0) }) {
                // Personal data: report the header, never read the column.
                prohibidas.insert(celda.column)
                proceso.agregar(
                    hallazgo(
                        reglaPersonal.codigo ?? "dato-personal-prohibido", fila: fila.number, columna: celda.column,
                        severidad: reglaPersonal.severidad, regla: reglaPersonal.clave, valor: texto,
                        datos: ["valor": texto]))
                continue
            }
            guard let campo else {
                proceso.agregar(
                    hallazgo(
                        "columna-desconocida", fila: fila.number, columna: celda.column, severidad: .advertencia,
                        valor: texto,
                        datos: ["valor": texto]))
                continue
            }
            if columnaDe[campo.clave] != nil {
                proceso.agregar(
                    hallazgo("columna-duplicada", fila: fila.number, columna: celda.column, campo: campo, valor: texto))
                continue
            }
            columnas[celda.column] = campo
            columnaDe[campo.clave] = celda.column
        }
        leidos = hoja.campos.compactMap { campo in columnaDe[campo.clave].map { CampoLeido(campo: campo, columna: $0) }
        }
        unicosLeidos = leidos.indices.filter { leidos[$0].campo.unico }
        plantilla = Dictionary(leidos.map { ($0.campo.clave, Valor.nulo) }, uniquingKeysWith: { a, _ in a })
        lugares = leidos.compactMap { plantilla.index(forKey: $0.campo.clave) }
        // One finding for the sheet, naming every missing required column (§5).
        let faltantes = hoja.campos.filter { $0.requerido && columnaDe[$0.clave] == nil }
        if let primera = faltantes.first {
            let nombres = faltantes.map(\.etiqueta).joined(separator: "», «")
            proceso.agregar(
                hallazgo(
                    "columna-faltante", variante: faltantes.count > 1 ? "varias" : nil, campo: primera,
                    datos: ["campo": nombres]))
        }
    }

    mutating func procesarFila(_ fila: Row, en proceso: inout ProcesoEnvio) {
        // Rows with nothing but spaces are empty.
        let conDatos = fila.cells.contains { celda in
            guard prohibidas.isEmpty || !prohibidas.contains(celda.column) else { return false }
            if case .text(let t) = celda.value { return tieneTexto(t) }
            return true
        }
        guard conDatos else { return }
        filasConDatos += 1
        var valores = plantilla
        for (k, leido) in leidos.enumerated() {
            let celda = fila[leido.columna]
            let resultado: Result<Valor, ProblemaValor>
            if leido.esCatalogo, case .text(let t)? = celda {
                if let r = leido.recordado(t) {
                    resultado = r
                } else {
                    resultado = proceso.lector.leer(celda, leido.campo)
                    leido.recordar(t, resultado)
                }
            } else {
                resultado = proceso.lector.leer(celda, leido.campo)
            }
            switch resultado {
            case .success(let v):
                valores.values[lugares[k]] = v
            case .failure(let p):
                let severidad: Severidad = p.codigo == "columna-desconocida" ? .advertencia : .error
                proceso.agregar(
                    hallazgo(
                        p.codigo, variante: p.variante, fila: fila.number, columna: leido.columna, campo: leido.campo,
                        severidad: severidad,
                        valor: p.datos["valor"], datos: p.datos))
            }
        }
        // Unique fields: one probe per value (a repeated value puts its first row back).
        for k in unicosLeidos {
            let leido = leidos[k]
            let v = valores.values[lugares[k]]
            guard !v.esNulo else { continue }
            if let primera = leido.vistos.updateValue(fila.number, forKey: v) {
                leido.vistos[v] = primera
                proceso.agregar(
                    hallazgo(
                        "duplicado", fila: fila.number, columna: leido.columna, campo: leido.campo,
                        valor: v.textoParaMensaje,
                        datos: ["valor": v.textoParaMensaje, "esperado": String(primera)]))
            }
        }
        if hoja.unaFila && filasConDatos == 1 {
            proceso.fijarInstancia(
                valores["clave_instancia"]?.texto, hojasSinInformacion: valores["hojas_sin_informacion"]?.texto)
        }
        if let medida {
            let contexto = ContextoFila(
                valores: valores, metodologia: metodologia, instancia: proceso.contextoInstancia)
            if case .numero(let n) = medida.evaluar(en: contexto) { total += n }
        }
        aplicarReglas(fila: fila, valores: valores, en: &proceso)
        guardar(fila: fila, valores: valores, en: &proceso)
    }

    mutating func aplicarReglas(fila: Row, valores: [String: Valor], en proceso: inout ProcesoEnvio) {
        let contexto = ContextoFila(valores: valores, metodologia: metodologia, instancia: proceso.contextoInstancia)
        for r in reglas {
            let indice = r.indice
            switch r.regla.tipo {
            case .enPeriodo(let campos):
                for clave in campos {
                    guard case .fecha(let d)? = valores[clave], !metodologia.periodo.contiene(Fecha(dias: d)),
                        let campo = hoja.campo(clave)
                    else { continue }
                    let p = metodologia.periodo
                    proceso.agregar(
                        hallazgo(
                            r.regla.codigo ?? "fecha-fuera-de-periodo", fila: fila.number, columna: columnaDe[clave],
                            campo: campo,
                            severidad: r.regla.severidad, regla: r.regla.clave, valor: Fecha(dias: d).textoCorto,
                            datos: [
                                "valor": Fecha(dias: d).textoCorto,
                                "esperado": "\(p.inicio.textoCorto) a \(p.fin.textoCorto)",
                            ]))
                }
            case .condicion(let expresion, _):
                // Conditions through a reference alias wait for the whole envío.
                if diferidas.contains(indice) { continue }
                if expresion.evaluar(en: contexto) == .logico(false) {
                    let diferida = ProcesoEnvio.FilaDiferida(
                        archivo: fuente.archivo, hojaArchivo: fuente.nombreHoja, fila: fila.number, valores: valores,
                        columnas: columnaDe)
                    proceso.agregar(proceso.hallazgoDeRegla(r.regla, contexto: contexto, fila: diferida))
                }
            case .unico(let campos) where campos.count > 1:
                let clave = campos.map { valores[$0] ?? .nulo }
                guard !clave.contains(.nulo) else { continue }
                let celda = r.regla.celda ?? campos[0]
                if let primera = unicosCompuestos[indice]?[clave] {
                    let texto = clave.map { $0.textoParaMensaje }.joined(separator: ", ")
                    proceso.agregar(
                        hallazgo(
                            r.regla.codigo ?? "duplicado", fila: fila.number, columna: columnaDe[celda],
                            campo: hoja.campo(celda),
                            severidad: r.regla.severidad, regla: r.regla.clave, valor: texto,
                            datos: [
                                "valor": texto, "esperado": String(primera),
                                "campo": campos.compactMap { hoja.campo($0)?.etiqueta }.joined(separator: " y "),
                            ]))
                } else {
                    unicosCompuestos[indice, default: [:]][clave] = fila.number
                }
            case .unico(let campos):
                // A single-field unique rule (besides the field's own `unico`).
                guard let clave = campos.first, let v = valores[clave], !v.esNulo, hoja.campo(clave)?.unico != true
                else {
                    continue
                }
                if let primera = unicosCompuestos[indice]?[[v]] {
                    proceso.agregar(
                        hallazgo(
                            r.regla.codigo ?? "duplicado", fila: fila.number, columna: columnaDe[clave],
                            campo: hoja.campo(clave),
                            severidad: r.regla.severidad, regla: r.regla.clave, valor: v.textoParaMensaje,
                            datos: [
                                "valor": proceso.mostrar(v, campo: clave, hoja: hoja.clave),
                                "esperado": String(primera),
                            ]))
                } else {
                    unicosCompuestos[indice, default: [:]][[v]] = fila.number
                }
            case .completitud(let campo, _):
                if case .texto(let c)? = valores[campo] { proceso.vistosCompletitud[indice, default: []].insert(c) }
            default:
                continue
            }
        }
    }

    /// Keeps what later rules and the store need.
    func guardar(fila: Row, valores: [String: Valor], en proceso: inout ProcesoEnvio) {
        // Values other sheets refer to.
        for (clave, campo) in referidos {
            if let v = valores[campo], !v.esNulo { proceso.referidos[clave, default: [:]][v] = valores }
        }
        // Rows of sheets with cross-sheet rules.
        if tieneReferencias {
            proceso.diferidas[hoja.clave, default: []].append(
                .init(
                    archivo: fuente.archivo, hojaArchivo: fuente.nombreHoja, fila: fila.number, valores: valores,
                    columnas: columnaDe))
        }
        if proceso.validador.conservarDatos {
            proceso.datos[hoja.clave, default: []].append(FilaValidada(fila: fila.number, valores: valores))
        }
    }
}

/// A rule of one sheet and its place in the methodology's list (which keys its state in the envío).
final class ReglaDeHoja: Sendable {
    let indice: Int
    let regla: Regla

    init(indice: Int, regla: Regla) {
        self.indice = indice
        self.regla = regla
    }
}
