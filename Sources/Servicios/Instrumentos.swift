import Foundation
import Metodologia

/// The methodologies of every year, under one root folder passed in explicitly (the library never
/// looks through the working folder: the shell decides where `Instrumento/` is).
///
/// ```swift
/// let instrumentos = Instrumentos(raiz: URL(fileURLWithPath: "Instrumento"))
/// let m = try instrumentos.metodologia(anio: 2017)
/// print(instrumentos.anios)  // [2016, 2017]
/// ```
public final class Instrumentos: @unchecked Sendable {
    /// The folder holding `<año>/instrumento.yaml`, `historico.csv` and `rejilla_entidades.csv`.
    public let raiz: URL
    private var cache: [Int: Metodologia] = [:]
    private var cargando: [Int: NSLock] = [:]
    private let cerrojo = NSLock()

    public init(raiz: URL) { self.raiz = raiz }

    /// The report templates, beside the methodology root (`Plantillas/`).
    public var plantillas: URL { raiz.deletingLastPathComponent().appendingPathComponent("Plantillas") }

    /// The years that have a methodology, oldest first.
    public var anios: [Int] { Self.anios(enRuta: raiz.path) }

    /// The years that have a methodology under the folder at `ruta`, oldest first: what ``anios`` says
    /// of an `Instrumentos` there, found with paths alone (a process that only looks for its root does
    /// not build a URL per candidate folder).
    ///
    /// ```swift
    /// Instrumentos.anios(enRuta: "Instrumento")  // [2016, 2017]
    /// ```
    public static func anios(enRuta ruta: String) -> [Int] {
        let nombres = (try? FileManager.default.contentsOfDirectory(atPath: ruta)) ?? []
        return nombres.compactMap { n -> Int? in
            guard let a = Int(n), FileManager.default.fileExists(atPath: "\(ruta)/\(n)/instrumento.yaml") else {
                return nil
            }
            return a
        }.sorted()
    }

    public func carpeta(anio: Int) -> URL { raiz.appendingPathComponent(String(anio)) }

    /// Whether the year has a methodology folder (without loading it).
    public func tieneMetodologia(anio: Int) -> Bool {
        FileManager.default.fileExists(atPath: carpeta(anio: anio).appendingPathComponent("instrumento.yaml").path)
    }

    /// The year's methodology (loaded once, even when several threads ask for it at the same time).
    public func metodologia(anio: Int) throws(ErrorServicio) -> Metodologia {
        cerrojo.lock()
        if let guardada = cache[anio] {
            cerrojo.unlock()
            return guardada
        }
        // One load per year: a thread asking for a year another thread is loading waits for it.
        let deEsteAnio = cargando[anio] ?? NSLock()
        cargando[anio] = deEsteAnio
        cerrojo.unlock()
        deEsteAnio.lock()
        defer { deEsteAnio.unlock() }
        cerrojo.lock()
        let guardada = cache[anio]
        cerrojo.unlock()
        if let guardada { return guardada }
        let url = carpeta(anio: anio)
        guard FileManager.default.fileExists(atPath: url.appendingPathComponent("instrumento.yaml").path) else {
            throw .metodologiaNoEncontrada(anio: anio, raiz: raiz.path, disponibles: anios)
        }
        let m = try Self.cargar(url)
        cerrojo.lock()
        cache[anio] = m
        cerrojo.unlock()
        return m
    }

    /// A methodology from any folder (`--metodologia`), not cached.
    public static func cargar(_ carpeta: URL) throws(ErrorServicio) -> Metodologia {
        guard FileManager.default.fileExists(atPath: carpeta.appendingPathComponent("instrumento.yaml").path) else {
            throw .consultaInvalida(
                "«\(carpeta.path)» no es una carpeta de metodología: le falta instrumento.yaml (vea Instrumento/2017/)."
            )
        }
        do {
            return try Metodologia.cargar(carpeta: carpeta)
        } catch {
            throw .metodologiaInvalida(error.description)
        }
    }

    /// The year's methodology if it exists and loads; nil otherwise (earlier years are optional).
    public func metodologiaOpcional(anio: Int) -> Metodologia? { try? metodologia(anio: anio) }
}
