import Almacen
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

/// The whole build of the Informe Anual, from envíos to the PDF: validate and load, compute the
/// indicators and open data, draw the charts, compose the PDF, write the manifest. Progress goes
/// through a callback; the result is the ``Manifiesto``.
///
/// ```swift
/// var c = Construccion(instrumentos: i, almacen: a, anio: 2017, salida: URL(fileURLWithPath: "Salidas/2017"))
/// c.entrada = URL(fileURLWithPath: "entregas/2017")
/// let manifiesto = try c.construir { aviso in print(aviso) }
/// ```
public struct Construccion: Sendable {
    /// What the build reports as it goes.
    public enum Aviso: Sendable {
        /// Stage `numero` of `total` starts.
        case etapa(numero: Int, total: Int, texto: String)
        /// An envío was loaded (or refused).
        case envio(EnvioCargado)
        /// The envíos are loaded: this many instancias have a vigente version for the year.
        case vigentes(Int)
        /// The PDF is written.
        case pdf(paginas: Int, ruta: URL)
    }

    public static let programa = "informe 0.1.0"
    public static let etapas = 6

    public let instrumentos: Instrumentos
    public let almacen: any Almacen
    public let anio: Int
    public let salida: URL
    /// The folder of envíos; nil builds from the synthetic sample (marked on every page).
    public var entrada: URL?
    /// Where the synthetic sample is written when there is no ``entrada``.
    public var carpetaEjemplo: URL?
    /// The year's methodology when it is not the root's (`--metodologia`).
    public var metodologia: Metodologia?
    /// Builds from the envíos already in the store (the portal): nothing is loaded, no sample.
    public var soloAlmacen = false
    /// The process ends right after the build (the `informe` command): what the build holds is left for
    /// the system to take back instead of being freed. Never for a server.
    public var sinLiberar = false

    public init(instrumentos: Instrumentos, almacen: any Almacen, anio: Int, salida: URL) {
        self.instrumentos = instrumentos
        self.almacen = almacen
        self.anio = anio
        self.salida = salida
    }

    public func construir(_ aviso: (Aviso) -> Void = { _ in }) throws(ErrorServicio) -> Manifiesto {
        // The sample's earlier year needs its methodology too: read on another core meanwhile.
        let sintetico = entrada == nil && !soloAlmacen
        let anterior =
            sintetico ? enHiloPropio { [instrumentos, anio] in instrumentos.metodologiaOpcional(anio: anio - 1) } : nil
        let m: Metodologia
        if let metodologia { m = metodologia } else { m = try instrumentos.metodologia(anio: anio) }
        try EscrituraAtomica.crearCarpeta(salida)
        // The text widths the last build measured (same fonts, same Pango): a rebuild shapes again only
        // the text that changed, in the PDF and in the charts. Internal, like the lineage; a missing or
        // stale file is just not used.
        let medidas = salida.appendingPathComponent("interno/medidas-de-texto.bin")
        // Read once, by the first of the two threads' measurers.
        let medidasLeidas = UnaVezCon<PangoTextMeasurer, PangoTextMeasurer.ReadWidths?> { m in
            m.readMeasurements(from: medidas)
        }
        @Sendable func medidorConMedidas() -> PangoTextMeasurer {
            let m = PangoTextMeasurer()
            if let leidas = medidasLeidas.valor(m) { m.use(leidas) }
            return m
        }
        // Another core starts now with what it needs to draw (the fonts, the saved widths) while this
        // one loads the envíos; it then takes each task as it comes: the lineage once the year's rows
        // are read, the chart files once they are described (each thread with its own Pango context).
        // This thread joins in once the PDF is written. Each task writes its own slot or file.
        // Whether the drawing libraries are installed, found out on another core: without them the
        // build stops with what to install (after loading the envíos) instead of ending the process.
        let bibliotecas = enHiloPropio { DrawingLibraries.problem }
        let cola = ColaDeTareas()
        // The glyphs of every text the last build drew (same fonts, same Pango): a rebuild shapes again
        // only the texts that changed, in the PDF and in the charts.
        let glifos = GlyphCache()
        let archivoGlifos = salida.appendingPathComponent("interno/glifos.bin")
        let renderer = {
            var r = CairoRenderer()
            r.glyphs = glifos
            return r
        }()
        // Each envío's part of the lineage as the last build worked it out, read while the envíos load.
        let guardadas = salida.appendingPathComponent("interno/procedencia-por-envio.tsv")
        let firmaProcedencia = "\(Self.programa) \(TotalesDeOtrosAnios.binario)\n\(m.firma) \(anio)"
        let procedenciaLeida = UnaVez {
            (try? String(contentsOf: guardadas, encoding: .utf8)).map {
                ProcedenciaGuardada.leer($0, firma: ProcedenciaGuardada.primeraLinea(firmaProcedencia))
            } ?? [:]
        }
        let otroHilo =
            Paralelismo.hilos > 1
            ? cola.enOtroHilo {
                guard bibliotecas.esperar(0) == nil else { return nil }
                glifos.load(from: archivoGlifos)
                _ = procedenciaLeida.valor
                let medidor = medidorConMedidas()
                renderer.warmUp(Theme().textStyles, scale: DibujoGraficas.escalaPNG)
                return medidor
            } : nil
        defer {
            cola.cerrar()
            otroHilo?.esperar()
        }
        let cargador = Cargador(instrumentos: instrumentos, almacen: almacen)
        // This year's batch when it started before the earlier year's (on the way out, it is finished).
        var adelantado: Promesas<[EnvioCargado]>?
        defer { _ = adelantado?.esperar(0) }
        let lotes = try reunirEnvios(m, anterior: anterior, cargador: cargador, adelantado: &adelantado, aviso)
        cargar(lotes, con: cargador, adelantado: adelantado, aviso)
        // The loads made durable now, on a thread that mostly waits for the disk, instead of when the
        // store closes on the way out (SQLite copies its log into the database then). Not doing it only
        // leaves that for the close.
        let asentado = enHiloPropio { [almacen] in try? almacen.asentar() }
        defer { _ = asentado.esperar(0) }
        if let problema = bibliotecas.esperar(0) { throw .bibliotecasDeDibujo(problema) }
        let vigentes = try vigentesDelAnio(aviso)

        aviso(.etapa(numero: 3, total: Self.etapas, texto: "Calculando indicadores y datos abiertos"))
        let indicadoresDelAlmacen = IndicadoresDelAlmacen(instrumentos: instrumentos, almacen: almacen)
        // What the four earlier years add to the series: the other core works it out (or finds it kept
        // from the last build, when those years did not change) while this one reads the year's rows.
        let otros = Promesas<[(anio: Int, totales: [String: Double])]>(1)
        let guardados = salida.appendingPathComponent("interno/totales-otros-anios.tsv")
        @Sendable func totalesOtros() -> [(anio: Int, totales: [String: Double])] {
            indicadoresDelAlmacen.totalesOtrosAnios(antesDe: anio, metodologia: m, guardados: guardados)
        }
        if otroHilo != nil {
            cola.agregar([{ _ in otros.cumplir(0, totalesOtros()) }])
        } else {
            otros.cumplir(0, totalesOtros())
        }
        let datos = try indicadoresDelAlmacen.datos(anio: anio, metodologia: m)
        // The lineage of every published value: the other core works out each envío's part (one task
        // per indicator) while this one computes the indicators, whose figures the lineage then shows.
        let indicadores = m.indicadores.map(\.clave)
        let procedencias = Promesas<[Procedencia]>(indicadores.count)
        let totales = UnaVez { TotalesProcedencia(CalculadorIndicadores(metodologia: m), datos) }
        // The category indexes of the year's rows, built once for the indicators and their lineage.
        let indices = IndicesDeCategorias(CalculadorIndicadores(metodologia: m), datos)
        // Each envío's part of the lineage as the last build worked it out, when nothing it comes from
        // changed: a rebuild works out again only the envíos that did.
        let guardada = UnaVez {
            ProcedenciaGuardada(
                firma: firmaProcedencia, vigentes: vigentes, datos: datos, previas: procedenciaLeida.valor)
        }
        // Each value with its numerator and denominator is the published figure's: the lineage asks
        // for them once it has the envíos' parts.
        let publicados = Promesas<[ResultadoIndicador]>(1)
        // Without them (the build stopped before), the lineage computes them itself.
        defer { publicados.cumplirSiFalta(0, []) }
        cola.agregar(
            indicadores.enumerated().map { k, clave in
                { _ in
                    procedencias.cumplir(
                        k,
                        CalculadorIndicadores(metodologia: m).procedencias(
                            de: clave, datos, totales.valor, guardadas: guardada.valor,
                            publicado: { publicados.esperar(0).first { $0.indicador.clave == clave } },
                            indices: indices))
                }
            })
        // What this build worked out of the lineage, kept for the next: the lineage tasks were queued
        // just before, so by the time a thread takes this one each of them is taken. Not keeping it only
        // makes the next build slower.
        cola.agregar([
            { _ in
                for k in indicadores.indices { _ = procedencias.esperar(k) }
                if guardada.valor.cambio { try? EscrituraAtomica.escribir(guardada.valor.bytes, en: guardadas) }
            }
        ])
        let resultados = indicadoresDelAlmacen.calcular(
            datos, totalesOtros: otros.esperar(0), metodologia: m, publicable: true, indices: indices)
        publicados.cumplir(0, resultados)

        aviso(
            .etapa(
                numero: 4, total: Self.etapas, texto: "Dibujando gráficas y la procedencia (mientras se compone el PDF)"
            ))
        let graficas = DibujoGraficas.graficas(resultados, datos: datos, metodologia: m, instrumentos: instrumentos)
        let falloDibujo = Resultado<ErrorServicio>()
        let huellas = salida.appendingPathComponent("interno/graficas.huellas")
        let (dibujos, nuevas) = try tareasDeDibujo(
            graficas, resultados: resultados, metodologia: m, huellas: huellas, renderer: renderer, fallo: falloDibujo)
        var tareas = dibujos
        // Then each indicator's lineage as text, with the charts that draw each value (after the
        // charts: by then its values are computed). The file is written once all are done.
        let referencias = graficas.map { ($0.archivo, $0.valores.map { ($0.indicador, $0.desagregacion) }) }
        let lineas = ResultadosEnOrden<String>(indicadores.count, inicial: "")
        tareas += indicadores.indices.map { k in
            { _ in
                lineas.poner(
                    k,
                    Rastreo.resultados(procedencias.esperar(k), vigentes: vigentes, graficas: referencias).map(\.csv)
                        .joined())
            }
        }
        cola.agregar(tareas)

        aviso(.etapa(numero: 5, total: Self.etapas, texto: "Componiendo el PDF"))
        let plantillas = try Self.cargarPlantillas(instrumentos.plantillas)
        var informe = InformeAnual(
            metodologia: m, resultados: resultados, datos: datos, graficas: graficas,
            fuentes: vigentes.map {
                FuenteEnvio(
                    instancia: $0.instancia ?? "", version: $0.version ?? 0, archivo: $0.archivo, sha256: $0.sha256)
            },
            plantillas: plantillas)
        informe.sintetico = sintetico
        informe.siglas = Self.leerSiglas(m.carpeta.appendingPathComponent("catalogos/siglas.csv"))
        if otroHilo == nil { glifos.load(from: archivoGlifos) }
        let guiones: any Hyphenating = LibHyphenator() ?? NoHyphenation()
        let medidor = medidorConMedidas()
        let (paginas, marcadores) = informe.componer(medidor: medidor, guiones: guiones)
        // Written by whichever thread is free (this one goes on measuring the charts' text). Not
        // saving them only makes the next build slower.
        try? EscrituraAtomica.crearCarpeta(medidas.deletingLastPathComponent())
        if let pendientes = medidor.measurementsToSave(to: medidas) {
            cola.agregar([{ _ in try? pendientes.write() }])
        }
        let pdf = try escribirPDF(
            paginas, marcadores: marcadores, fecha: Self.fechaDeLosDatos(datos, m), sintetico: sintetico,
            con: renderer)
        // This thread's measurer knows every width the PDF used (most of the charts' too).
        cola.cerrar()
        cola.trabajar(medidor)
        otroHilo?.esperar()
        // Every text is drawn: the glyphs kept for the next build, written while the lineage is. Not
        // keeping them only makes the next build slower.
        let glifosGuardados = enHiloPropio { try? glifos.save(to: archivoGlifos) }
        defer { _ = glifosGuardados.esperar(0) }
        // The whole lineage, kept out of the public open data: the rows behind a suppressed cell are
        // exactly what disclosure control hides.
        do throws(ErrorServicio) {
            try EscrituraAtomica.escribir(
                Rastreo.Resultado.encabezadoCSV + lineas.valores.joined(),
                en: salida.appendingPathComponent("interno/procedencia.csv"))
        } catch {
            falloDibujo.poner(error)
        }
        if falloDibujo.valor == nil {
            try EscrituraAtomica.escribir(
                graficas.indices.map { "\(graficas[$0].archivo) \(nuevas[$0].valor)\n" }.joined(), en: huellas)
        }
        aviso(.pdf(paginas: paginas.count, ruta: pdf))

        aviso(.etapa(numero: 6, total: Self.etapas, texto: "Escribiendo la procedencia y el manifiesto"))
        if let fallo = falloDibujo.valor { throw fallo }
        let manifiesto = try escribirManifiesto(m, vigentes: vigentes, sintetico: sintetico, paginas: paginas.count)
        // A command that ends right after does not free the year's rows, the lineage, the pages and the
        // shaped texts one by one (a few milliseconds of small frees): the system takes them back.
        if sinLiberar {
            Retenidos.retener([
                datos, resultados, procedencias, paginas, informe, graficas, guardada, lineas, medidor, glifos,
            ])
        }
        return manifiesto
    }
}
