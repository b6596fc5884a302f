import Almacen
import CairoOutput
import DatosEjemplo
import Drawing
import Foundation
import Graficas
import Indicadores
import Informe
import Metodologia

/// The stages of ``Construccion/construir(_:)`` that stand on their own: gathering and loading the
/// envíos (stages 1 and 2), the year's vigente versions, writing the PDF and the manifest. What the
/// stages share while they overlap on two cores (the task queue, the promises) stays in `construir`.
extension Construccion {
    /// Stage 1: the batches of envíos to load, each with its methodology: the folder given, or the
    /// synthetic sample of this year and the one before (generated once per methodology). This year's
    /// sample, already generated, starts loading at once on another thread (`adelantado`), which the
    /// caller waits for whatever happens next.
    func reunirEnvios(
        _ m: Metodologia, anterior: Promesas<Metodologia?>?, cargador: Cargador,
        adelantado: inout Promesas<[EnvioCargado]>?, _ aviso: (Aviso) -> Void
    ) throws(ErrorServicio) -> [(Metodologia, [URL])] {
        var lotes: [(Metodologia, [URL])] = []
        if soloAlmacen {
            aviso(.etapa(numero: 1, total: Self.etapas, texto: "Metodología \(m.version) del año \(anio)"))
        } else if let entrada {
            aviso(.etapa(numero: 1, total: Self.etapas, texto: "Envíos de \(entrada.path)"))
            guard FileManager.default.fileExists(atPath: entrada.path) else { throw .entradaInexistente(entrada.path) }
            lotes = [(m, EnviosEnCarpeta.buscar(entrada))]
        } else {
            let raizEjemplo = carpetaEjemplo ?? salida.deletingLastPathComponent().appendingPathComponent("ejemplo")
            // Generated once per methodology: a rebuild reuses them (and an envío edited there counts).
            func ejemplo(_ ma: Metodologia) -> (Metodologia, URL, firma: String, vigente: Bool) {
                let dir = raizEjemplo.appendingPathComponent(String(ma.anio))
                let firma = "\(ma.firma) semilla 2017"
                return (
                    ma, dir, firma,
                    Self.ejemploVigente(en: dir, marca: dir.appendingPathComponent(".generado"), firma: firma)
                )
            }
            let este = ejemplo(m)
            // This year's envíos, already generated, start loading now (in a rebuild, the ones that
            // changed are validated) while the earlier year's methodology is still being read. Their
            // notices are given after the earlier year's, as a serial run gives them.
            if este.vigente, Paralelismo.hilos > 1 {
                let rutas = EnviosEnCarpeta.buscar(este.1)
                adelantado = enHiloPropio { cargador.cargar(rutas, metodologia: m) }
            }
            let anios = [anterior?.esperar(0)].compactMap { $0 }.map(ejemplo) + [este]
            aviso(
                .etapa(
                    numero: 1, total: Self.etapas,
                    texto: anios.allSatisfy(\.vigente)
                        ? "Envíos sintéticos de ejemplo (\(anio - 1) y \(anio)), ya generados en \(raizEjemplo.path)"
                        : "Generando envíos sintéticos de ejemplo (\(anio - 1) y \(anio))"))
            for (ma, dir, firma, vigente) in anios {
                if !vigente {
                    do {
                        try GeneradorEjemplo(metodologia: ma, semilla: 2017).escribir(en: dir)
                        let nombres = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter {
                            !$0.hasPrefix(".")
                        }.sorted()
                        try EscrituraAtomica.escribir(
                            ([firma] + nombres).joined(separator: "\n"), en: dir.appendingPathComponent(".generado"))
                    } catch {
                        throw .escritura(ruta: dir.path, causa: causaEnEspanol(error))
                    }
                }
                lotes.append((ma, EnviosEnCarpeta.buscar(dir)))
            }
        }
        return lotes
    }

    /// Stage 2: loads the batches (each envío validated, and stored as a new version when it is
    /// acceptable), telling each one as a serial run would, in order.
    func cargar(
        _ lotes: [(Metodologia, [URL])], con cargador: Cargador, adelantado: Promesas<[EnvioCargado]>?,
        _ aviso: (Aviso) -> Void
    ) {
        aviso(
            .etapa(
                numero: 2, total: Self.etapas,
                texto: soloAlmacen
                    ? "Versiones vigentes del almacén" : "Validando y cargando envíos en \(almacen.descripcion)"))
        if let adelantado {
            for (ma, rutas) in lotes.dropLast() {
                _ = cargador.cargar(rutas, metodologia: ma) { _, _, hecho in aviso(.envio(hecho)) }
            }
            for hecho in adelantado.esperar(0) { aviso(.envio(hecho)) }
        } else if lotes.count > 1, Paralelismo.hilos > 1, let (mu, ru) = lotes.last {
            // The years' batches at once (different years share no version numbers): in a rebuild the
            // earlier year's is only fingerprints to check while this year's validates what changed.
            // The last year's notices are given after the others', in the order a serial run gives.
            let ultimo = enHiloPropio { cargador.cargar(ru, metodologia: mu) }
            for (ma, rutas) in lotes.dropLast() {
                _ = cargador.cargar(rutas, metodologia: ma) { _, _, hecho in aviso(.envio(hecho)) }
            }
            for hecho in ultimo.esperar(0) { aviso(.envio(hecho)) }
        } else {
            for (ma, rutas) in lotes {
                _ = cargador.cargar(rutas, metodologia: ma) { _, _, hecho in aviso(.envio(hecho)) }
            }
        }
    }

    /// The year's vigente versions, or why the report cannot be built without any.
    func vigentesDelAnio(_ aviso: (Aviso) -> Void) throws(ErrorServicio) -> [RegistroEnvio] {
        let vigentes: [RegistroEnvio]
        do {
            vigentes = try almacen.vigentes(anio: anio)
        } catch {
            throw .almacen(error)
        }
        aviso(.vigentes(vigentes.count))
        guard !vigentes.isEmpty else {
            throw .sinDatos(
                "Ninguna instancia tiene una versión aceptada del año \(anio): no se construye el informe. "
                    + "Cargue al menos un envío sin errores.")
        }
        return vigentes
    }

    /// Stage 5's file: the composed pages as `informe-anual-<año>.pdf`, with its metadata (dated by the
    /// data, so that the same data give the same bytes) and its outline.
    func escribirPDF(
        _ paginas: [Frame], marcadores: [OutlineEntry], fecha: String, sintetico: Bool, con renderer: CairoRenderer
    ) throws(ErrorServicio) -> URL {
        let pdf = salida.appendingPathComponent("informe-anual-\(anio).pdf")
        do {
            try renderer.writePDF(
                paginas, to: pdf,
                metadata: [
                    .title: "Informe Anual \(anio)", .author: InformeAnual.nombreComision,
                    .subject: "Informe Anual \(anio) del Programa Nacional contra la trata de personas"
                        + (sintetico ? " — " + InformeAnual.avisoSintetico : ""),
                    .keywords: "trata de personas; informe anual; \(anio); indicadores",
                    .creator: Self.programa,
                    .createDate: fecha, .modDate: fecha,
                ], outline: marcadores)
        } catch {
            throw .escritura(ruta: pdf.path, causa: causaEnEspanol(error))
        }
        return pdf
    }

    /// Stage 6: `manifiesto.json`, what the build read (each vigente version with its SHA-256) and wrote.
    func escribirManifiesto(
        _ m: Metodologia, vigentes: [RegistroEnvio], sintetico: Bool, paginas: Int
    ) throws(ErrorServicio) -> Manifiesto {
        let manifiesto = Manifiesto(
            programa: Self.programa, metodologia: m.version, anio: anio, datosSinteticos: sintetico,
            entradas: vigentes.map {
                .init(instancia: $0.instancia ?? "", archivo: $0.archivo, version: $0.version ?? 0, sha256: $0.sha256)
            },
            salidas: ["informe-anual-\(anio).pdf", "datos/indicadores.csv", "datos/diccionario.csv", "graficas/"],
            internas: ["interno/procedencia.csv"],
            paginas: paginas)
        try EscrituraAtomica.escribir(manifiesto.json, en: salida.appendingPathComponent("manifiesto.json"))
        return manifiesto
    }

    /// Stage 4's drawing, as tasks for whichever thread is free: the open data first, then one task per
    /// chart file (the PDF lays the charts out itself, so both give what a serial run gives). A chart
    /// whose description (data, labels, kind) and program are those of the files already there is not
    /// drawn again: a rebuild after one envío changed redraws only the charts it moved. Also each
    /// chart's fingerprint, for `huellas` once every file is written. A task that fails puts its error
    /// in `fallo`.
    func tareasDeDibujo(
        _ graficas: [GraficasInforme.Grafica], resultados: [ResultadoIndicador], metodologia m: Metodologia,
        huellas: URL, renderer: CairoRenderer, fallo: Resultado<ErrorServicio>
    ) throws(ErrorServicio) -> (tareas: [ColaDeTareas.Tarea], huellas: [UnaVez<String>]) {
        let dirGraficas = salida.appendingPathComponent("graficas")
        try EscrituraAtomica.crearCarpeta(dirGraficas)
        let previas = Self.leerHuellas(huellas)
        // Worked out by whichever thread first takes one of the chart's tasks.
        let nuevas = graficas.map { g in UnaVez { Self.huella(de: g.spec) } }
        let porDibujar = graficas.indices.map { k in
            UnaVez {
                let archivo = graficas[k].archivo
                return previas[archivo] == nil || previas[archivo] != nuevas[k].valor
                    || !FileManager.default.fileExists(
                        atPath: dirGraficas.appendingPathComponent(archivo + ".png").path)
                    || !FileManager.default.fileExists(
                        atPath: dirGraficas.appendingPathComponent(archivo + ".svg").path)
            }
        }
        // Each chart laid out once, for its PNG and its SVG, by the first of the two tasks.
        let marcos = graficas.map { g in
            UnaVezCon<PangoTextMeasurer, Frame> { medidor in DibujoGraficas.marco(g.spec, medidor: medidor) }
        }
        // The open data first, on whichever thread is free.
        var tareas: [ColaDeTareas.Tarea] = [
            { _ in
                do throws(ErrorServicio) {
                    try DatosAbiertos.escribir(resultados, metodologia: m, en: salida)
                } catch {
                    fallo.poner(error)
                }
            }
        ]
        tareas += graficas.indices.flatMap { k in
            DibujoGraficas.formatos.map { formato -> ColaDeTareas.Tarea in
                { medidorGraficas in
                    guard porDibujar[k].valor else { return }
                    do throws(ErrorServicio) {
                        try DibujoGraficas.escribir(
                            marcos[k].valor(medidorGraficas), formato: formato,
                            en: dirGraficas.appendingPathComponent(graficas[k].archivo + "." + formato), con: renderer)
                    } catch {
                        fallo.poner(error)
                    }
                }
            }
        }
        return (tareas, nuevas)
    }
}
