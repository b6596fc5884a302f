import Foundation
import Metodologia
import XLSXWriter

/// How one envío is written: the harmless variety of real files (title rows, labels instead of
/// claves, reordered columns, dates as text, synonyms, `;` separators).
struct Estilo {
    var xlsx: Bool
    var filasDeTitulo: Int
    var encabezadoConClave: Bool
    var reordenar: Bool
    /// 0: clave, 1: label, 2: synonym when there is one.
    var catalogoComo: Int
    /// 0: date cell, 1: dd/mm/aaaa text, 2: aaaa-mm-dd text.
    var fechaComo: Int
    var separador: String
    var bom: Bool

    init(indice: Int, azar: inout Azar) {
        xlsx = indice % 5 != 1 && indice % 5 != 3
        filasDeTitulo = azar.ponderado([(0, 5.0), (1, 3), (2, 2)])
        encabezadoConClave = azar.probabilidad(0.25)
        reordenar = azar.probabilidad(0.3)
        catalogoComo = azar.ponderado([(0, 4.0), (1, 5), (2, 1)])
        fechaComo = xlsx ? azar.ponderado([(0, 7.0), (1, 2), (2, 1)]) : azar.ponderado([(1, 6.0), (2, 4)])
        separador = azar.probabilidad(0.3) ? ";" : ","
        bom = azar.probabilidad(0.5)
    }
}

extension GeneradorEjemplo {
    /// Writes every envío under `carpeta` (and `carpeta/con-errores/`); returns the paths written.
    ///
    /// The tables are drawn from the seeded generator one after another (so the data never depend on
    /// threads); the files are then written on every core.
    @discardableResult
    public func escribir(en carpeta: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: carpeta, withIntermediateDirectories: true)
        var azar = Azar(semilla: semilla &+ 99)
        var archivos: [ArchivoEjemplo] = []
        let contenidos = self.contenidos()
        for (i, contenido) in contenidos.enumerated() {
            let estilo = Estilo(indice: i, azar: &azar)
            archivos.append(preparar(contenido, estilo: estilo, en: carpeta, azar: &azar))
        }
        let errores = carpeta.appendingPathComponent("con-errores")
        try FileManager.default.createDirectory(at: errores, withIntermediateDirectories: true)
        for (nombre, contenido, estilo) in conErrores(contenidos, azar: &azar) {
            archivos.append(preparar(contenido, estilo: estilo, en: errores, azar: &azar, nombre: nombre))
        }
        let fallos = FallosEscritura()
        let todos = archivos
        let hilos = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4))
        DispatchQueue.concurrentPerform(iterations: hilos) { h in
            for k in stride(from: h, to: todos.count, by: hilos) {
                do {
                    try todos[k].escribir()
                } catch {
                    fallos.anotar(k, error)
                }
            }
        }
        if let primero = fallos.primero { throw primero }
        return archivos.map(\.url)
    }

    func preparar(
        _ contenido: Contenido, estilo: Estilo, en carpeta: URL, azar: inout Azar, nombre: String? = nil
    ) -> ArchivoEjemplo {
        let base = nombre ?? "\(contenido.instancia)_\(anio)"
        let tablas = contenido.hojas.map { hoja, filas in (hoja, tabla(hoja, filas, estilo: estilo, azar: &azar)) }
        if estilo.xlsx {
            return ArchivoEjemplo(url: carpeta.appendingPathComponent(base + ".xlsx")) { url in
                var libro = XLSXDocument()
                for (hoja, filas) in tablas { libro.addSheet(hoja, rows: filas, headerRow: estilo.filasDeTitulo) }
                try libro.write(to: url)
            }
        }
        let textos = tablas.map { hoja, filas in
            var texto = estilo.bom ? "\u{FEFF}" : ""
            for fila in filas {
                texto += fila.map { csv($0, separador: estilo.separador) }.joined(separator: estilo.separador) + "\r\n"
            }
            return ("\(contenido.instancia)_\(hoja).csv", texto)
        }
        return ArchivoEjemplo(url: carpeta.appendingPathComponent(base)) { dir in
            try? FileManager.default.removeItem(at: dir)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            for (nombre, texto) in textos { try Data(texto.utf8).write(to: dir.appendingPathComponent(nombre)) }
        }
    }

    func escribir(_ contenido: Contenido, estilo: Estilo, en carpeta: URL, azar: inout Azar, nombre: String? = nil)
        throws -> URL
    {
        let archivo = preparar(contenido, estilo: estilo, en: carpeta, azar: &azar, nombre: nombre)
        try archivo.escribir()
        return archivo.url
    }

    func csv(_ celda: XLSXCell, separador: String) -> String {
        let t: String
        switch celda {
        case .empty: return ""
        case .text(let s): t = s
        case .number(let n): t = formatoNumero(n)
        case .bool(let b): t = b ? "Sí" : "No"
        case .date(let y, let m, let d): t = cifras(d, 2) + "/" + cifras(m, 2) + "/" + cifras(y, 4)
        }
        // Byte by byte (Foundation's substring search was a twentieth of generating the samples).
        let sep = separador.utf8.first ?? UInt8(ascii: ",")
        if t.utf8.contains(where: { $0 == sep || $0 == 34 || $0 == 10 || $0 == 13 || $0 == 44 }) {
            return "\"" + t.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return t
    }

    /// The sheet as rows of cells: title rows, header, data, in the style's order and spelling.
    func tabla(_ nombreHoja: String, _ filas: [FilaEjemplo], estilo: Estilo, azar: inout Azar) -> [[XLSXCell]] {
        guard let hoja = metodologia.hoja(nombreHoja) else { return [] }
        var campos = hoja.campos
        if estilo.reordenar { campos.shuffle(using: &azar) }
        var salida: [[XLSXCell]] = []
        let institucion = metodologia.catalogos["instancias"]?.entradas.first.map { _ in "" } ?? ""
        _ = institucion
        if estilo.filasDeTitulo >= 1 {
            salida.append([.text("Instrumento de Recolección de Datos \(anio) — \(nombreHoja)")])
        }
        if estilo.filasDeTitulo >= 2 { salida.append([]) }
        salida.append(campos.map { .text(estilo.encabezadoConClave ? $0.clave : $0.etiqueta) })
        for fila in filas {
            salida.append(campos.map { celda(fila[$0.clave] ?? .vacio, campo: $0, estilo: estilo) })
        }
        return salida
    }

    func celda(_ dato: Dato, campo: Campo, estilo: Estilo) -> XLSXCell {
        switch dato {
        case .vacio: return .empty
        case .texto(let t): return .text(t)
        case .numero(let n): return .number(n)
        case .fecha(let f):
            let c = f.componentes
            switch estilo.fechaComo {
            case 0: return .date(year: c.anio, month: c.mes, day: c.dia)
            case 1: return .text(f.textoCorto)
            default: return .text(f.iso)
            }
        case .catalogo(let nombre, let clave):
            guard let entrada = metodologia.catalogos[nombre]?.entrada(clave) else { return .text(clave) }
            switch estilo.catalogoComo {
            case 0: return .text(clave)
            case 1: return .text(entrada.etiqueta)
            default: return .text(entrada.sinonimos.first ?? entrada.etiqueta)
            }
        }
    }

    /// Copies of a few envíos with the mistakes institutions typically make.
    func conErrores(_ contenidos: [Contenido], azar: inout Azar) -> [(String, Contenido, Estilo)] {
        var salida: [(String, Contenido, Estilo)] = []
        var estilo = Estilo(indice: 0, azar: &azar)
        estilo.xlsx = true
        estilo.filasDeTitulo = 1
        estilo.catalogoComo = 1
        estilo.fechaComo = 0
        estilo.reordenar = false
        estilo.encabezadoConClave = false
        func modificar(_ clave: String, _ hoja: String, _ cambio: (inout [FilaEjemplo]) -> Void) -> Contenido? {
            guard var c = contenidos.first(where: { $0.instancia == clave }),
                let i = c.hojas.firstIndex(where: { $0.0 == hoja })
            else { return nil }
            cambio(&c.hojas[i].1)
            return c
        }
        // Victims: a misspelled catalog value, an impossible age, a date outside the period, a repeated folio.
        if let c = modificar(
            "EST09", "Victimas",
            { filas in
                filas[0]["sexo"] = .texto("Mujr")
                filas[1]["edad"] = .numero(150)
                filas[2]["fecha_identificacion"] = .fecha(Fecha(anio: anio - 1, mes: 12, dia: 15))
                // A repeated row (the same victim captured twice).
                filas.append(filas[4])
            })
        {
            salida.append(("EST09_\(anio)_victimas-con-errores", c, estilo))
        }
        // Training: a total that is not the sum, an end date before the start.
        if let c = modificar(
            "SEP", "Capacitacion",
            { filas in
                filas[0]["total_personas"] = .numero(999)
                if case .fecha(let f)? = filas[1]["fecha_inicio"] {
                    filas[1]["fecha_fin"] = .fecha(Fecha(dias: f.dias - 3))
                }
            })
        {
            salida.append(("SEP_\(anio)_capacitacion-con-errores", c, estilo))
        }
        // Care: a victim folio that does not exist.
        if let c = modificar("CEAV", "Atenciones", { filas in filas[0]["folio_victima"] = .texto("CEAV-V-9999") }) {
            salida.append(("CEAV_\(anio)_folio-inexistente", c, estilo))
        }
        // Identification: last year's instrument.
        if let c = modificar(
            "SCT", "Identificacion",
            { filas in
                filas[0]["anio_reportado"] = .numero(Double(anio - 1))
                filas[0]["version_instrumento"] = .texto("\(anio - 1).1")
            })
        {
            salida.append(("SCT_\(anio)_anio-equivocado", c, estilo))
        }
        return salida
    }
}

/// One sample envío ready to write: its data are fixed, only the bytes remain to be written.
struct ArchivoEjemplo: Sendable {
    let url: URL
    let escribirEn: @Sendable (URL) throws -> Void

    init(url: URL, _ escribirEn: @escaping @Sendable (URL) throws -> Void) {
        self.url = url
        self.escribirEn = escribirEn
    }

    func escribir() throws { try escribirEn(url) }
}

/// The first failure (by file order) of a parallel write.
final class FallosEscritura: @unchecked Sendable {
    private var fallos: [(Int, any Error)] = []
    private let cerrojo = NSLock()

    func anotar(_ k: Int, _ e: any Error) {
        cerrojo.lock()
        fallos.append((k, e))
        cerrojo.unlock()
    }

    var primero: (any Error)? {
        cerrojo.lock()
        defer { cerrojo.unlock() }
        return fallos.min { $0.0 < $1.0 }?.1
    }
}

/// `n` (not negative) with leading zeros up to `ancho` digits: `cifras(7, 3)` is `007`.
func cifras(_ n: Int, _ ancho: Int) -> String {
    let texto = String(n)
    return texto.count >= ancho ? texto : String(repeating: "0", count: ancho - texto.count) + texto
}
