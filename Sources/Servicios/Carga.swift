import Almacen
import Foundation
import Metodologia
import Validacion

/// What happened to one envío of a batch: its findings and what the store did with it.
public struct EnvioCargado: Sendable {
    public var ruta: URL
    public var resultado: ResultadoValidacion
    /// What the load did; nil when the store failed for this envío (see ``error``).
    public var carga: ResultadoCarga?
    public var error: ErrorServicio?
    /// Its bytes were already loaded under the same methodology: not validated again (the stored
    /// findings stand).
    public var sinRevalidar = false

    /// Accepted now or before: its rows count.
    public var aceptado: Bool {
        switch carga {
        case .aceptado?: return true
        case .yaCargado(let r)?: return r.estado == .aceptado
        default: return false
        }
    }

    /// What a batch reports for it; the CLI's `cargar` and `construir` count and word these alike.
    public enum Desenlace: Sendable, Equatable {
        case aceptado(version: Int, advertencias: Int)
        case rechazado(errores: Int)
        /// The file could not be read: the reader's cause.
        case ilegible(motivo: String)
        /// The store could not take it (see ``EnvioCargado/error``).
        case fallo(motivo: String)
        /// The same bytes were loaded before: nothing changed.
        case yaCargado(RegistroEnvio)
    }

    public var desenlace: Desenlace {
        let ilegible = resultado.hallazgos.first { $0.codigo == "archivo-ilegible" }
        switch carga {
        case .aceptado(let version, let advertencias)?: return .aceptado(version: version, advertencias: advertencias)
        case .rechazado(_, let errores)?:
            return ilegible.map { .ilegible(motivo: $0.mensaje) } ?? .rechazado(errores: errores)
        case .yaCargado(let previo)?: return .yaCargado(previo)
        case nil: return .fallo(motivo: error?.mensaje ?? "no se pudo cargar")
        }
    }
}

/// Validates envíos and loads them into the store, one transaction each; one bad envío never stops
/// the batch.
///
/// ```swift
/// let cargador = Cargador(instrumentos: instrumentos, almacen: almacen)
/// let hechos = try cargador.cargar([url], anio: 2017) { hecho, total, envio in print(hecho, total) }
/// ```
public struct Cargador: Sendable {
    public let instrumentos: Instrumentos
    public let almacen: any Almacen

    public init(instrumentos: Instrumentos, almacen: any Almacen) {
        self.instrumentos = instrumentos
        self.almacen = almacen
    }

    /// The validator of a year, with the previous year's totals from the store when that year has a
    /// methodology (R-ANU-01).
    public func validador(_ m: Metodologia) -> Validador {
        var v = Validador(metodologia: m)
        v.conservarDatos = true
        // The previous year's methodology is asked for when a total is first needed: a batch starts
        // validating while it still loads.
        let anterior = m.anio - 1
        if instrumentos.tieneMetodologia(anio: anterior) {
            v.anioAnterior = AnioAnteriorEnAlmacen(almacen: almacen) { [instrumentos] in
                instrumentos.metodologiaOpcional(anio: anterior)
            }
        }
        return v
    }

    /// Loads `rutas` with methodology `m`; `progreso(hechos, total, envío)` after each one, in order.
    ///
    /// An envío whose bytes are already in the store, loaded under this same methodology (its
    /// fingerprint), is not validated again: its stored findings stand. The others are validated on
    /// every core, a few ahead of the loads, which stay one at a time and in the given order (one
    /// transaction each), so versions are numbered as in a serial run.
    public func cargar(
        _ rutas: [URL], metodologia m: Metodologia,
        progreso: (Int, Int, EnvioCargado) -> Void = { _, _, _ in }
    ) -> [EnvioCargado] {
        let v = validador(m)
        let firma = m.firma
        let paralelo = ValidacionEnParalelo(total: rutas.count)
        let trabajadores = max(1, min(Paralelismo.hilos, rutas.count, 4))
        let grupo = DispatchGroup()
        for _ in 0..<trabajadores {
            DispatchQueue.global().async(group: grupo) {
                while let i = paralelo.siguiente() {
                    paralelo.entregar(
                        i,
                        preparar(rutas[i], validador: v, anio: m.anio, firma: firma) { paralelo.esperarTurno(i) })
                }
            }
        }
        var hechos: [EnvioCargado] = []
        for (i, ruta) in rutas.enumerated() {
            let preparado = paralelo.tomar(i)
            var hecho = EnvioCargado(ruta: ruta, resultado: preparado.resultado, carga: nil, error: nil)
            if let previo = preparado.previo {
                hecho.carga = .yaCargado(previo)
                hecho.sinRevalidar = true
            } else {
                do {
                    if let sha = preparado.sha256 {
                        hecho.carga = try almacen.cargar(preparado.resultado, sha256: sha, metodologia: m)
                    } else {
                        hecho.carga = try almacen.cargar(preparado.resultado, archivo: ruta, metodologia: m)
                    }
                } catch {
                    // A file that could not be read: its real cause (from the reader), not the hash's.
                    if let ilegible = preparado.resultado.hallazgos.first(where: { $0.codigo == "archivo-ilegible" }) {
                        hecho.error = .entradaIlegible(ilegible.mensaje)
                    } else {
                        hecho.error = .almacen(error)
                    }
                }
            }
            hechos.append(hecho)
            progreso(i + 1, rutas.count, hecho)
        }
        grupo.wait()
        return hechos
    }

    /// An envío ready to load: validated, or found already loaded under the same methodology.
    struct Preparado: Sendable {
        var resultado: ResultadoValidacion
        var sha256: String?
        var previo: RegistroEnvio?
    }

    /// Finds `ruta` already loaded, or validates it once `turno` returns (validated envíos keep their
    /// rows until loaded: the caller bounds how many are ahead of the loads).
    private func preparar(
        _ ruta: URL, validador v: Validador, anio: Int, firma: String, turno: () -> Void = {}
    ) -> Preparado {
        let sha = SHA256.deDirectorioOArchivo(ruta)
        if let sha, let previo = try? almacen.envio(sha256: sha, anio: anio), previo.metodologia == firma,
            let hallazgos = try? almacen.hallazgosCompletos(envio: previo.id)
        {
            return Preparado(
                resultado: ResultadoValidacion(
                    archivo: ruta.lastPathComponent, instancia: previo.instancia, hallazgos: hallazgos),
                sha256: sha, previo: previo)
        }
        turno()
        return Preparado(resultado: v.validar(Envio(ruta: ruta)), sha256: sha, previo: nil)
    }

    /// Loads an uploaded envío already validated, by the SHA-256 of its bytes.
    public func cargar(_ resultado: ResultadoValidacion, sha256: String, metodologia m: Metodologia)
        throws(ErrorServicio)
        -> ResultadoCarga
    {
        do {
            return try almacen.cargar(resultado, sha256: sha256, metodologia: m)
        } catch {
            throw .almacen(error)
        }
    }
}

/// Finds the envíos in a folder: `.xlsx` and `.csv` files, and folders that hold CSV files (one CSV
/// per sheet); hidden files and other folders are not envíos.
///
/// ```swift
/// let urls = EnviosEnCarpeta.buscar(URL(fileURLWithPath: "entregas/2017"))
/// ```
public enum EnviosEnCarpeta {
    public static let extensiones: Set<String> = ["xlsx", "xlsm", "ods", "csv"]

    /// The files and folders of `carpeta` that are not envíos, with why (shown, never silently skipped).
    public static func omitidos(_ carpeta: URL) -> [(nombre: String, motivo: String)] {
        let envios = Set(buscar(carpeta).map(\.lastPathComponent))
        let nombres = ((try? FileManager.default.contentsOfDirectory(atPath: carpeta.path)) ?? []).sorted()
        return nombres.filter { !$0.hasPrefix(".") && !envios.contains($0) }.map { n in
            let url = carpeta.appendingPathComponent(n)
            if Envio(ruta: url).esCarpeta { return (n, "carpeta sin archivos CSV") }
            if ["xls", "numbers"].contains(url.pathExtension.lowercased()) {
                return (n, "formato no aceptado; guárdelo como «Libro de Excel (.xlsx)» o como CSV")
            }
            return (n, "no es un libro .xlsx, un .csv ni una carpeta de CSV")
        }
    }

    /// The envíos named by the command line: files as they are; a folder that holds workbooks or
    /// folders of CSV files is those envíos; a folder of CSV files only is one envío (one CSV per sheet).
    public static func expandir(_ rutas: [URL]) throws(ErrorServicio) -> [URL] {
        var out: [URL] = []
        for ruta in rutas {
            guard Envio(ruta: ruta).esCarpeta else {
                out.append(ruta)
                continue
            }
            let nombres = ((try? FileManager.default.contentsOfDirectory(atPath: ruta.path)) ?? []).filter {
                !$0.hasPrefix(".")
            }
            let libros = nombres.filter {
                ["xlsx", "xlsm", "ods"].contains(($0 as NSString).pathExtension.lowercased())
            }
            let subcarpetas = nombres.filter { Envio(ruta: ruta.appendingPathComponent($0)).esCarpeta }
            let csv = nombres.filter { $0.lowercased().hasSuffix(".csv") }
            if !libros.isEmpty || !subcarpetas.isEmpty {
                out += buscar(ruta)
            } else if !csv.isEmpty {
                out.append(ruta)
            } else {
                throw .consultaInvalida(
                    "La carpeta «\(ruta.path)» no contiene ninguna hoja de cálculo (.xlsx o .csv) ni carpetas de CSV.")
            }
        }
        return out
    }

    public static func buscar(_ carpeta: URL) -> [URL] {
        let nombres = ((try? FileManager.default.contentsOfDirectory(atPath: carpeta.path)) ?? []).sorted()
        return nombres.compactMap { n -> URL? in
            guard !n.hasPrefix(".") else { return nil }
            let url = carpeta.appendingPathComponent(n)
            if Envio(ruta: url).esCarpeta {
                let archivos = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
                return archivos.contains { $0.lowercased().hasSuffix(".csv") } ? url : nil
            }
            return extensiones.contains(url.pathExtension.lowercased()) ? url : nil
        }
    }
}

/// The envíos of a batch validated by several threads, handed to the loader in order. An envío found
/// already loaded (its fingerprint and stored findings, little memory) can be up to ``adelantoLigero``
/// ahead of the loader; one to validate (its rows kept until loaded) only ``adelanto``: memory holds a
/// few validated envíos, not the whole batch, while a rebuild finds the unchanged envíos and starts
/// validating the changed ones at once instead of waiting for the loader to reach them.
final class ValidacionEnParalelo: @unchecked Sendable {
    private let total: Int
    private var proximo = 0
    private var listos: [Int: Cargador.Preparado] = [:]
    private var consumidos = 0
    private let condicion = NSCondition()
    static let adelanto = 4
    static let adelantoLigero = 64

    init(total: Int) { self.total = total }

    /// The next envío to prepare, or nil when all are taken; waits while too far ahead of the loader.
    func siguiente() -> Int? {
        condicion.lock()
        defer { condicion.unlock() }
        while proximo < total && proximo >= consumidos + Self.adelantoLigero { condicion.wait() }
        guard proximo < total else { return nil }
        proximo += 1
        return proximo - 1
    }

    /// Waits until envío `i` may be validated: fewer than ``adelanto`` ahead of the loader. The envío the
    /// loader waits for never waits here, so the batch always moves on.
    func esperarTurno(_ i: Int) {
        condicion.lock()
        defer { condicion.unlock() }
        while i >= consumidos + Self.adelanto { condicion.wait() }
    }

    func entregar(_ i: Int, _ p: Cargador.Preparado) {
        condicion.lock()
        listos[i] = p
        condicion.broadcast()
        condicion.unlock()
    }

    /// Waits for envío `i` and takes it.
    func tomar(_ i: Int) -> Cargador.Preparado {
        condicion.lock()
        defer { condicion.unlock() }
        while listos[i] == nil { condicion.wait() }
        let p =
            listos.removeValue(forKey: i)
            ?? Cargador.Preparado(
                resultado: ResultadoValidacion(archivo: "", instancia: nil, hallazgos: []))
        consumidos = i + 1
        condicion.broadcast()
        return p
    }
}
