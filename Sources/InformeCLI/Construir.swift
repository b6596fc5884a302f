import Almacen
import ArgumentParser
import CairoOutput
import Charts
import DatosEjemplo
import Drawing
import Foundation
import Graficas
import Indicadores
import Informe
import Metodologia
import PageLayout
import Validacion

/// `informe construir`: from a folder of envíos to the published Informe Anual in one command.
struct Construir: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Construye el Informe Anual: valida y carga los envíos, calcula indicadores, dibuja gráficas y escribe el PDF.",
        discussion: """
            Sin --entrada genera los envíos sintéticos de ejemplo (2016 y 2017) y construye con ellos; el informe \
            dice entonces en cada página que sus datos no son oficiales. Escribe en la carpeta de salida \
            informe-anual-<año>.pdf, graficas/, datos/ y manifiesto.json.
            """
    )

    @Option(help: "El año del informe.")
    var anio: Int = OpcionesInstrumento.anioPorOmision

    @Option(help: "Carpeta con los envíos del año (.xlsx, .csv o carpetas de CSV).")
    var entrada: String?

    @Option(help: "El archivo del almacén SQLite.")
    var base: String = "Salidas/informe.sqlite"

    @Option(help: "Carpeta de salida (por omisión Salidas/<año>).")
    var salida: String?

    func validate() throws {
        if let entrada {
            var carpeta: ObjCBool = false
            guard FileManager.default.fileExists(atPath: entrada, isDirectory: &carpeta), carpeta.boolValue else {
                throw ValidationError("No existe la carpeta de envíos «\(entrada)».")
            }
        }
    }

    func run() throws { try ejecutar() }

    /// Prints a stage and, for the previous one, how long it took (console only, never in outputs).
    func etapa(_ n: Int, _ texto: String) {
        let ahora = DispatchTime.now().uptimeNanoseconds
        if let inicio = Self.inicioEtapa.valor {
            print(String(format: "    (%.2f s)", Double(ahora - inicio) / 1e9))
        }
        Self.inicioEtapa.valor = ahora
        if n > 0 { print("[\(n)/6] \(texto)") }
    }

    final class Reloj: @unchecked Sendable { var valor: UInt64? }
    static let inicioEtapa = Reloj()

    private func ejecutar() throws(CommandFailure) {
        do {
            try construir()
        } catch let error as CommandFailure {
            throw error
        } catch {
            throw CommandFailure(message: "No se pudo construir el informe: \(error)", code: 1)
        }
    }

    private func construir() throws {
        let m = try UbicacionInstrumento.cargar(anio: anio, explicita: nil)
        let carpeta = URL(fileURLWithPath: salida ?? "Salidas/\(anio)")
        try FileManager.default.createDirectory(at: carpeta, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: base).deletingLastPathComponent(), withIntermediateDirectories: true)
        let sintetico = entrada == nil
        var carpetas: [(Int, URL)] = []
        if let entrada {
            etapa(1, "Envíos de \(entrada)")
            carpetas = [(anio, URL(fileURLWithPath: entrada))]
        } else {
            etapa(1, "Generando envíos sintéticos de ejemplo (\(anio - 1) y \(anio))")
            let raizEjemplo = URL(fileURLWithPath: base).deletingLastPathComponent().appendingPathComponent("ejemplo")
            for a in [anio - 1, anio] {
                guard let ma = try? UbicacionInstrumento.cargar(anio: a, explicita: nil) else { continue }
                let dir = raizEjemplo.appendingPathComponent(String(a))
                try GeneradorEjemplo(metodologia: ma, semilla: 2017).escribir(en: dir)
                carpetas.append((a, dir))
            }
        }
        etapa(2, "Validando y cargando envíos en \(base)")
        let almacen = try Almacen(ruta: base)
        var rechazados: [String] = []
        var entradas: [(archivo: String, sha: String, estado: String)] = []
        for (a, dir) in carpetas {
            let ma = try UbicacionInstrumento.cargar(anio: a, explicita: nil)
            var v = Validador(metodologia: ma)
            v.conservarDatos = true
            if let anterior = try? UbicacionInstrumento.cargar(anio: a - 1, explicita: nil) {
                v.anioAnterior = AnioAnteriorEnAlmacen(almacen: almacen, metodologiaAnterior: anterior)
            }
            // Envíos: .xlsx and .csv files, and folders that hold CSV files (other folders are not envíos).
            let nombres = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted().filter {
                n in
                guard !n.hasPrefix(".") else { return false }
                let url = dir.appendingPathComponent(n)
                if Envio(ruta: url).esCarpeta {
                    let archivos = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
                    return archivos.contains { $0.lowercased().hasSuffix(".csv") }
                }
                return ["xlsx", "xlsm", "csv"].contains(url.pathExtension.lowercased())
            }
            for nombre in nombres {
                let url = dir.appendingPathComponent(nombre)
                let r = v.validar(Envio(ruta: url))
                switch try almacen.cargar(r, archivo: url, metodologia: ma) {
                case .rechazado(_, let errores):
                    rechazados.append("\(nombre): rechazado con \(errores) \(errores == 1 ? "error" : "errores")")
                case .yaCargado(let previo) where previo.estado == .rechazado:
                    rechazados.append("\(nombre): rechazado (ya estaba cargado)")
                default: break
                }
                if a == anio { entradas.append((nombre, r.archivo, r.aceptable ? "aceptado" : "rechazado")) }
            }
        }
        for r in rechazados { print("    \(r)") }
        let vigentes = try almacen.vigentes(anio: anio)
        print(
            "    \(vigentes.count) instancias con versión vigente en \(anio); \(rechazados.count) archivos rechazados.")

        etapa(3, "Calculando indicadores y datos abiertos")
        let (resultados, datos) = try DatosDelAlmacen.indicadores(
            anio: anio, almacen: almacen, metodologia: m, publicable: true)
        let raizInstrumento = m.carpeta.deletingLastPathComponent()
        try SalidaIndicadores.escribirDatosAbiertos(resultados, metodologia: m, en: carpeta)

        etapa(4, "Dibujando gráficas")
        let rejilla = GraficasInforme.leerRejilla(raizInstrumento.appendingPathComponent("rejilla_entidades.csv"))
        let graficas = GraficasInforme(metodologia: m, rejilla: rejilla).graficas(resultados, datos: datos)
        let medidor = PangoTextMeasurer()
        let renderer = CairoRenderer()
        let dirGraficas = carpeta.appendingPathComponent("graficas")
        try FileManager.default.createDirectory(at: dirGraficas, withIntermediateDirectories: true)
        for g in graficas {
            let frame = ChartLayout(measurer: medidor).layout(g.spec, width: 480, height: 300)
            try renderer.writePNG(frame, to: dirGraficas.appendingPathComponent(g.archivo + ".png"), scale: 2)
            try renderer.writeSVG(frame, to: dirGraficas.appendingPathComponent(g.archivo + ".svg"))
        }

        etapa(5, "Componiendo el PDF")
        let plantillas = try cargarPlantillas(
            raizInstrumento.deletingLastPathComponent().appendingPathComponent("Plantillas"))
        var informe = InformeAnual(
            metodologia: m, resultados: resultados, datos: datos, graficas: graficas,
            fuentes: vigentes.map {
                FuenteEnvio(
                    instancia: $0.instancia ?? "", version: $0.version ?? 0, archivo: $0.archivo, sha256: $0.sha256)
            },
            plantillas: plantillas)
        informe.sintetico = sintetico
        informe.siglas = leerSiglas(m.carpeta.appendingPathComponent("catalogos/siglas.csv"))
        let guiones: any Hyphenating = LibHyphenator() ?? NoHyphenation()
        let (paginas, marcadores) = informe.componer(medidor: medidor, guiones: guiones)
        let fecha = fechaDeLosDatos(datos, m)
        let pdf = carpeta.appendingPathComponent("informe-anual-\(anio).pdf")
        try renderer.writePDF(
            paginas, to: pdf,
            metadata: [
                .title: "Informe Anual \(anio)", .author: "Comisión Intersecretarial contra la Trata de Personas",
                .subject: "Informe Anual \(anio) del Programa Nacional contra la trata de personas"
                    + (sintetico ? " — " + InformeAnual.avisoSintetico : ""),
                .keywords: "trata de personas; informe anual; \(anio); indicadores",
                .creator: "informe \(Informe.configuration.version)",
                .createDate: fecha, .modDate: fecha,
            ], outline: marcadores)
        print("    \(paginas.count) páginas: \(pdf.path)")

        etapa(6, "Escribiendo el manifiesto")
        var manifiesto = "{\n  \"programa\": \(JSONText.string("informe \(Informe.configuration.version)")),\n"
        manifiesto += "  \"metodologia\": \(JSONText.string(m.version)),\n  \"anio\": \(anio),\n"
        manifiesto += "  \"datos_sinteticos\": \(sintetico),\n  \"entradas\": [\n"
        manifiesto += vigentes.map { r in
            "    {\"instancia\": \(JSONText.string(r.instancia ?? "")), \"archivo\": \(JSONText.string(r.archivo)), \"version\": \(r.version ?? 0), \"sha256\": \(JSONText.string(r.sha256))}"
        }.joined(separator: ",\n")
        manifiesto +=
            "\n  ],\n  \"salidas\": [\"informe-anual-\(anio).pdf\", \"datos/indicadores.csv\", \"datos/diccionario.csv\", \"graficas/\"]\n}\n"
        try SalidaIndicadores.escribir(manifiesto, carpeta.appendingPathComponent("manifiesto.json"))
        etapa(0, "")
        print("Informe Anual \(anio) listo en \(carpeta.path).")
    }

    func cargarPlantillas(_ dir: URL) throws -> [String] {
        let nombres = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }
            .sorted()
        return try nombres.map { try String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8) }
    }

    func leerSiglas(_ url: URL) -> [(String, String)] {
        guard let texto = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return texto.split(whereSeparator: \.isNewline).dropFirst().compactMap { l in
            guard let coma = l.firstIndex(of: ",") else { return nil }
            return (
                String(l[..<coma]),
                String(l[l.index(after: coma)...]).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            )
        }
    }

    /// The latest `fecha_llenado` of the vigente envíos (never the clock), as PDF dates want it.
    func fechaDeLosDatos(_ datos: DatosAnio, _ m: Metodologia) -> String {
        let fechas = datos.envios.compactMap { e -> Int? in
            if case .fecha(let d)? = e.filas["Identificacion"]?.first?["fecha_llenado"] { return d }
            return nil
        }
        let f = Fecha(dias: fechas.max() ?? m.periodo.fin.dias)
        return f.iso + "T00:00:00Z"
    }
}
