import Almacen
import ArgumentParser
import Dispatch
import Foundation
import Servicios

/// `informe construir`: from a folder of envíos to the published Informe Anual in one command.
struct Construir: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "construir",
        abstract:
            "Construye el Informe Anual: valida y carga los envíos, calcula indicadores, dibuja gráficas y escribe el PDF.",
        discussion: """
            Sin --entrada genera los envíos sintéticos de ejemplo (2016 y 2017) y construye con ellos; el informe \
            dice entonces en cada página que sus datos no son oficiales. Escribe en la carpeta de salida \
            informe-anual-<año>.pdf, graficas/, datos/ y manifiesto.json.
            Ejemplo: informe construir --anio 2017 --entrada entregas/2017 --base Salidas/informe.sqlite
            """
    )

    @OptionGroup var instrumento: OpcionesInstrumento

    var anio: Int { instrumento.anio }

    @Option(help: "Carpeta con los envíos del año (.xlsx, .csv o carpetas de CSV).")
    var entrada: String?

    @Option(name: .customLong("base"), help: ayudaBase)
    var baseIndicada: String?
    /// The store: `--base`, else `INFORME_BASE`, else the sample store.
    var base: String { Almacenes.elegida(baseIndicada) }

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

    private func ejecutar() throws(CommandFailure) {
        let instrumentos = UbicacionInstrumento.instrumentos
        let almacen: any Almacen
        do {
            almacen = try Almacenes.abrir(base, crear: true)
        } catch {
            throw CommandFailure(error)
        }
        var construccion = Construccion(
            instrumentos: instrumentos, almacen: almacen, anio: anio,
            salida: URL(fileURLWithPath: salida ?? "Salidas/\(anio)"))
        construccion.entrada = entrada.map { URL(fileURLWithPath: $0) }
        construccion.sinLiberar = true
        if instrumento.metodologia != nil { construccion.metodologia = try instrumento.cargar() }
        construccion.carpetaEjemplo = Almacenes.carpetaVecina(base).appendingPathComponent(
            "ejemplo")
        var inicio: UInt64?
        var rechazados = 0
        var omitidos: [(nombre: String, motivo: String)] = []
        if let entrada { omitidos = EnviosEnCarpeta.omitidos(URL(fileURLWithPath: entrada)) }
        func cerrarEtapa() {
            let ahora = DispatchTime.now().uptimeNanoseconds
            if let inicio { print(String(format: "    (%.2f s)", Double(ahora - inicio) / 1e9)) }
            inicio = ahora
        }
        do {
            _ = try construccion.construir { aviso in
                switch aviso {
                case .etapa(let n, let total, let texto):
                    cerrarEtapa()
                    print("[\(n)/\(total)] \(texto)")
                case .envio(let hecho):
                    if !hecho.aceptado { rechazados += 1 }
                    let nombre = hecho.ruta.lastPathComponent
                    switch hecho.desenlace {
                    case .rechazado(let errores):
                        print("    \(nombre): rechazado con \(errores) \(errores == 1 ? "error" : "errores")")
                    case .ilegible(let motivo):
                        print("    \(nombre): ilegible; \(motivo)")
                    case .fallo(let motivo):
                        print("    \(nombre): \(motivo)")
                    case .yaCargado(let previo) where previo.estado == .rechazado:
                        print("    \(nombre): rechazado (ya estaba cargado)")
                    case .aceptado, .yaCargado: break
                    }
                case .vigentes(let n):
                    for o in omitidos { print("    \(o.nombre): omitido, \(o.motivo)") }
                    print(
                        "    \(n) \(n == 1 ? "instancia" : "instancias") con versión vigente en \(anio); "
                            + "\(rechazados) \(rechazados == 1 ? "archivo rechazado" : "archivos rechazados")"
                            + (omitidos.isEmpty
                                ? "." : ", \(omitidos.count) \(omitidos.count == 1 ? "omitido" : "omitidos")."))
                case .pdf(let paginas, let ruta):
                    print("    \(paginas) páginas: \(ruta.path)")
                }
            }
        } catch {
            throw CommandFailure(error)
        }
        cerrarEtapa()
        print("Informe Anual \(anio) listo en \(construccion.salida.path).")
        // The report is written, but a batch with refused or skipped files is not a clean success.
        if entrada != nil && rechazados + omitidos.count > 0 {
            throw CommandFailure(
                message:
                    "Atención: \(rechazados + omitidos.count) \(rechazados + omitidos.count == 1 ? "archivo no entró" : "archivos no entraron") al informe (arriba, cada uno con su motivo).",
                code: 1)
        }
    }
}
