import Metodologia
import XLSXWriter

/// The Instrumento de Recolección de Datos generated from the methodology: an `Instrucciones` sheet
/// (the instructivo), one sheet per hoja with its official labels as a frozen header, drop-downs
/// that refer to a hidden, protected `Catalogos` sheet, numeric and date validations with prompts,
/// and `Identificacion` prefilled.
///
/// ```swift
/// let libro = GeneradorPlantilla(metodologia: m).documento(instancia: "SEGOB")
/// try libro.write(to: URL(fileURLWithPath: "Instrumento_2017_SEGOB.xlsx"))
/// ```
public struct GeneradorPlantilla {
    public let metodologia: Metodologia
    /// Rows of each sheet that carry validations.
    public var filasConValidacion = 5000

    public init(metodologia: Metodologia) { self.metodologia = metodologia }

    /// The sheets an instancia fills (all of them when nil).
    public func hojas(instancia: String?) -> [Hoja] {
        guard let instancia, let e = metodologia.catalogos["instancias"]?.entrada(instancia) else {
            return metodologia.hojas
        }
        let obligatorias = Set((e.atributos["hojas_obligatorias"] ?? "").split(separator: "|").map(String.init))
        return metodologia.hojas.filter { $0.unaFila || obligatorias.contains($0.clave) }
    }

    /// A drop-down list: a column of the Catalogos sheet and its defined name.
    struct Lista {
        var nombre: String
        var valores: [String]
    }

    func lista(_ campo: Campo) -> Lista? {
        guard case .catalogo(let nombre, let extras) = campo.tipo, let catalogo = metodologia.catalogos[nombre] else {
            return nil
        }
        let valores = extras.map { metodologia.valoresExtra[$0] ?? $0 } + catalogo.entradas.map(\.etiqueta)
        return Lista(nombre: "lista_" + ([nombre] + extras).joined(separator: "_"), valores: valores)
    }

    public func documento(instancia: String?) -> XLSXDocument {
        var libro = XLSXDocument()
        let hojas = hojas(instancia: instancia)
        let nombreInstancia = instancia.flatMap { metodologia.catalogos["instancias"]?.entrada($0)?.etiqueta }
        libro.properties = XLSXProperties(
            title: "Instrumento de Recolección de Datos \(metodologia.anio)",
            subject: "Informe Anual de la Comisión Intersecretarial contra la trata de personas",
            creator: "Grupo Técnico de la Comisión Intersecretarial",
            keywords: "trata de personas; instrumento; \(metodologia.version)\(instancia.map { "; \($0)" } ?? "")",
            description: nombreInstancia.map { "Plantilla para \($0)" },
            created: metodologia.periodo.inicio.iso + "T00:00:00Z")
        // Catalog lists used by these sheets, in order of first use.
        var listas: [Lista] = []
        for hoja in hojas {
            for campo in hoja.campos {
                if let l = lista(campo), !listas.contains(where: { $0.nombre == l.nombre }) { listas.append(l) }
            }
        }
        libro.addSheet(instrucciones(hojas, instancia: nombreInstancia))
        for hoja in hojas { libro.addSheet(hojaDeCaptura(hoja, instancia: instancia)) }
        var catalogos = XLSXDocument.Sheet(name: "Catalogos", rows: [])
        let alto = (listas.map(\.valores.count).max() ?? 0) + 1
        catalogos.rows = (0..<alto).map { r in
            listas.map { l in r == 0 ? .text(l.nombre) : (r - 1 < l.valores.count ? .text(l.valores[r - 1]) : .empty) }
        }
        catalogos.headerRow = 0
        catalogos.visibility = .hidden
        catalogos.protected = true
        for (i, l) in listas.enumerated() {
            catalogos.columnWidths[i] = 36
            let col = XLSXDocument.column(i)
            libro.definedNames.append((l.nombre, "Catalogos!$\(col)$2:$\(col)$\(l.valores.count + 1)"))
        }
        libro.addSheet(catalogos)
        return libro
    }

    func hojaDeCaptura(_ hoja: Hoja, instancia: String?) -> XLSXDocument.Sheet {
        var filas: [[XLSXCell]] = [hoja.campos.map { .text($0.etiqueta) }]
        if hoja.unaFila {
            filas.append(
                hoja.campos.map { campo in
                    switch campo.clave {
                    case "clave_instancia": return instancia.map { .text($0) } ?? .empty
                    case "anio_reportado": return .number(Double(metodologia.anio))
                    case "version_instrumento": return .text(metodologia.version)
                    default: return .empty
                    }
                })
        }
        var hojaXLSX = XLSXDocument.Sheet(name: hoja.clave, rows: filas, headerRow: 0)
        hojaXLSX.printFitToWidth = true
        let periodoCampos = Set(
            metodologia.reglas(deHoja: hoja.clave).flatMap { r -> [String] in
                if case .enPeriodo(let c) = r.tipo { return c }
                return []
            })
        for (i, campo) in hoja.campos.enumerated() {
            hojaXLSX.columnWidths[i] = Double(min(45, max(14, campo.etiqueta.count + 4)))
            let col = XLSXDocument.column(i)
            let rango = "\(col)2:\(col)\(filasConValidacion + 1)"
            let obligatorio =
                campo.requerido ? "Obligatorio. " : "Opcional; deje vacío o escriba ND si no tiene el dato. "
            var validacion = XLSXDocument.Sheet.validacion(
                .any, rango, titulo: campo.etiqueta, ayuda: obligatorio + TipoCampo.textoAyuda(campo, metodologia))
            switch campo.tipo {
            case .catalogo:
                if let l = lista(campo) {
                    validacion.kind = .list(l.nombre)
                    validacion.errorTitle = "Valor fuera del catálogo"
                    validacion.error = "Elija un valor de la lista de «\(campo.etiqueta)»."
                }
            case .entero:
                let minimo = Int(campo.igualA.flatMap { Double($0) } ?? campo.minimo ?? -1_000_000_000)
                let maximo = Int(campo.igualA.flatMap { Double($0) } ?? campo.maximo ?? 1_000_000_000)
                validacion.kind = .whole(min: minimo, max: maximo)
                validacion.errorTitle = "Número no válido"
                validacion.error =
                    "«\(campo.etiqueta)» es un número entero" + rangoTexto(Double(minimo), Double(maximo)) + "."
            case .decimal:
                let minimo = campo.minimo ?? campo.mayorQue ?? -1e12
                let maximo = campo.maximo ?? 1e12
                validacion.kind = .decimal(min: minimo, max: maximo)
                validacion.errorTitle = "Número no válido"
                validacion.error = "«\(campo.etiqueta)» es un número" + rangoTexto(minimo, maximo) + "."
            case .fecha:
                let (inicio, fin) =
                    periodoCampos.contains(campo.clave)
                    ? (metodologia.periodo.inicio, metodologia.periodo.fin)
                    : (Fecha(anio: 1990, mes: 1, dia: 1), Fecha(anio: 2100, mes: 12, dia: 31))
                let a = inicio.componentes
                let b = fin.componentes
                validacion.kind = .date(
                    min: .date(year: a.anio, month: a.mes, day: a.dia),
                    max: .date(year: b.anio, month: b.mes, day: b.dia))
                validacion.errorTitle = "Fecha no válida"
                validacion.error = "Escriba una fecha dd/mm/aaaa entre \(inicio.textoCorto) y \(fin.textoCorto)."
            case .texto:
                if let largo = campo.largoMaximo {
                    validacion.kind = .textLength(max: largo)
                    validacion.errorTitle = "Texto demasiado largo"
                    validacion.error = "«\(campo.etiqueta)» admite hasta \(largo) caracteres."
                }
            case .correo:
                break
            }
            hojaXLSX.validations.append(validacion)
        }
        return hojaXLSX
    }

    func rangoTexto(_ a: Double, _ b: Double) -> String {
        if a <= -1e9 && b >= 1e9 { return "" }
        if a == b { return " igual a \(formatoNumero(a))" }
        if b >= 1e9 { return " mayor o igual que \(formatoNumero(a))" }
        return " de \(formatoNumero(a)) a \(formatoNumero(b))"
    }

    func instrucciones(_ hojas: [Hoja], instancia: String?) -> XLSXDocument.Sheet {
        let m = metodologia
        var filas: [[XLSXCell]] = []
        var estilos: [XLSXDocument.CellKey: XLSXStyle] = [:]
        let titulo = XLSXStyle(bold: true, fontColor: "1F3864")
        let seccion = XLSXStyle(bold: true, fill: "DCE6F1", border: true)
        // A line of text spans the six columns of the table below, wrapped, its height fitted to its length.
        var combinadas: [String] = []
        var altos: [Int: Double] = [:]
        func linea(_ t: String, _ estilo: XLSXStyle? = nil) {
            var e = estilo ?? XLSXStyle()
            e.wrap = true
            estilos[.init(filas.count, 0)] = e
            combinadas.append("A\(filas.count + 1):F\(filas.count + 1)")
            let renglones = max(1, (t.count + 139) / 140)
            if renglones > 1 { altos[filas.count] = Double(renglones) * 15 }
            filas.append([.text(t)])
        }
        linea("Instrumento de Recolección de Datos \(m.anio) — versión \(m.version)", titulo)
        linea(
            "Comisión Intersecretarial para Prevenir, Sancionar y Erradicar los Delitos en Materia de Trata de Personas"
        )
        if let instancia { linea("Instancia: \(instancia)", XLSXStyle(bold: true)) }
        filas.append([])
        linea("Propósito", seccion)
        linea(
            "Este libro recoge las cifras con que su instancia contribuye al Informe Anual. Cada hoja corresponde a un tema; llene una fila por registro debajo de los encabezados, sin cambiarlos."
        )
        linea("Periodo que se reporta: del \(m.periodo.inicio.textoCorto) al \(m.periodo.fin.textoCorto).")
        filas.append([])
        linea("Reglas generales", seccion)
        for t in [
            "No cambie, borre ni reordene los encabezados; puede agregar filas hacia abajo.",
            "Los registros son anónimos: no agregue columnas con nombre, CURP, RFC, domicilio, dirección, teléfono o correo de las víctimas.",
            "Escriba las fechas como dd/mm/aaaa (por ejemplo \(m.periodo.inicio.textoCorto)).",
            "En los campos con lista, elija el valor de la lista desplegable.",
            "Si no tiene un dato opcional, deje la celda vacía o escriba \(m.sinDato.prefix(2).joined(separator: " o ")); en un campo obligatorio siempre escriba el dato.",
            "Si no tuvo información de una hoja, escriba su nombre en «Hojas sin información» de la hoja Identificacion.",
            "Antes de enviar, revise el archivo con «informe validar»: le dirá cada celda que deba corregir.",
        ] {
            linea("• " + t)
        }
        for hoja in hojas {
            filas.append([])
            linea("Hoja \(hoja.clave)", seccion)
            if !hoja.descripcion.isEmpty { linea(hoja.descripcion) }
            let encabezado = filas.count
            filas.append(
                ["Campo (encabezado)", "Clave", "Tipo", "Obligatorio", "Valores permitidos", "Ejemplo"].map {
                    .text($0)
                })
            for c in 0..<6 { estilos[.init(encabezado, c)] = XLSXStyle(bold: true, fill: "F2F2F2", border: true) }
            for campo in hoja.campos {
                estilos[.init(filas.count, 4)] = XLSXStyle(wrap: true)
                filas.append([
                    .text(campo.etiqueta), .text(campo.clave), .text(campo.tipo.descripcion),
                    .text(campo.requerido ? "Sí" : "No"),
                    .text(TipoCampo.textoAyuda(campo, m)), m.ejemplo(de: campo).map(XLSXCell.text) ?? .empty,
                ])
            }
            let reglas = m.reglas(deHoja: hoja.clave).compactMap { r in r.descripcion.map { "\(r.clave): \($0)" } }
            if !reglas.isEmpty {
                linea("Reglas que se revisan:", XLSXStyle(bold: true))
                var vistas = Set<String>()
                for r in reglas where vistas.insert(r).inserted { linea("• " + r) }
            }
        }
        var hoja = XLSXDocument.Sheet(name: "Instrucciones", rows: filas)
        hoja.cellStyles = estilos
        hoja.mergedRanges = combinadas
        hoja.rowHeights = altos
        hoja.columnWidths = [0: 30, 1: 24, 2: 24, 3: 11, 4: 50, 5: 30]
        hoja.printFitToWidth = true
        return hoja
    }
}

extension XLSXDocument.Sheet {
    static func validacion(_ kind: XLSXDataValidation.Kind, _ rango: String, titulo: String, ayuda: String)
        -> XLSXDataValidation
    {
        XLSXDataValidation(kind: kind, range: rango, promptTitle: titulo, prompt: ayuda)
    }
}

extension TipoCampo {
    /// What a field accepts, in plain Spanish (prompts and instructions).
    static func textoAyuda(_ campo: Campo, _ m: Metodologia) -> String {
        var partes: [String] = []
        switch campo.tipo {
        case .texto: partes.append("Texto")
        case .correo: partes.append("Correo electrónico")
        case .entero: partes.append("Número entero")
        case .decimal: partes.append("Número")
        case .fecha: partes.append("Fecha dd/mm/aaaa")
        case .catalogo(let nombre, let extras):
            let n = m.catalogos[nombre]?.entradas.count ?? 0
            var t = "Un valor de la lista (\(n) opciones del catálogo «\(nombre)»)"
            if !extras.isEmpty {
                t += " o " + extras.map { "\($0) = \(m.valoresExtra[$0] ?? $0)" }.joined(separator: ", ")
            }
            partes.append(t)
        }
        if let i = campo.igualA { partes.append("igual a \(i)") }
        if let a = campo.minimo { partes.append("mínimo \(formatoNumero(a))") }
        if let a = campo.mayorQue { partes.append("mayor que \(formatoNumero(a))") }
        if let a = campo.maximo { partes.append("máximo \(formatoNumero(a))") }
        if let l = campo.largoMaximo { partes.append("hasta \(l) caracteres") }
        if campo.unico { partes.append("no se repite en la hoja") }
        if campo.patron != nil { partes.append("solo letras, dígitos y - . _ /, sin espacios") }
        return partes.joined(separator: "; ") + "."
    }
}
