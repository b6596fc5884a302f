import Almacen
import ArgumentParser
import Foundation
import Indicadores
import Metodologia

/// `informe indicadores`: every indicator of §6 with its breakdowns, from the vigente versions.
///
/// ```
/// informe indicadores --anio 2017 --formato csv --publicable
/// ```
struct IndicadoresComando: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicadores",
        abstract: "Calcula los indicadores del Programa Nacional con sus desagregaciones, serie y semáforo.",
        discussion: """
            Sin --publicable los valores son exactos (uso interno); con --publicable se aplica el control de \
            divulgación (§7): conteos de 1 a 4 de víctimas por entidad se publican como <5, con supresión \
            secundaria. --salida DIR escribe los datos abiertos en DIR/datos/.
            """
    )

    enum Formato: String, ExpressibleByArgument, CaseIterable {
        case csv, json, texto
    }

    @OptionGroup var instrumento: OpcionesInstrumento

    @Option(help: "El archivo del almacén SQLite.")
    var base: String = "Salidas/informe.sqlite"

    @Option(help: "Formato de salida: csv, json o texto.")
    var formato: Formato = .texto

    @Flag(help: "Aplica el control de divulgación para publicar.")
    var publicable = false

    @Option(help: "Carpeta donde escribir los datos abiertos (datos/indicadores.csv y datos/diccionario.csv).")
    var salida: String?

    func run() throws { try ejecutar() }

    private func ejecutar() throws(CommandFailure) {
        let m = try instrumento.cargar()
        let almacen = try DatosDelAlmacen.abrirExistente(base)
        let resultados: [ResultadoIndicador]
        do {
            resultados = try DatosDelAlmacen.indicadores(
                anio: instrumento.anio, almacen: almacen, metodologia: m, publicable: publicable
            ).resultados
        } catch {
            throw CommandFailure(message: "\(error)", code: 1)
        }
        switch formato {
        case .csv: print(SalidaIndicadores.csv(resultados), terminator: "")
        case .json: print(SalidaIndicadores.json(resultados), terminator: "")
        case .texto: print(SalidaIndicadores.texto(resultados, metodologia: m, publicable: publicable), terminator: "")
        }
        if let salida {
            do {
                try SalidaIndicadores.escribirDatosAbiertos(
                    resultados, metodologia: m, en: URL(fileURLWithPath: salida))
            } catch {
                throw CommandFailure(
                    message: "No se pudo escribir en «\(salida)»: \(error.localizedDescription)", code: 1)
            }
        }
    }
}

/// Builds a year's indicator inputs from the store's vigente versions.
enum DatosDelAlmacen {
    /// Opens a store that must already exist: exit 2 when it does not, 1 when it cannot be read.
    static func abrirExistente(_ base: String) throws(CommandFailure) -> Almacen {
        guard FileManager.default.fileExists(atPath: base) else {
            throw CommandFailure(
                message: "No existe el almacén «\(base)»; cargue envíos con «informe cargar».", code: 2)
        }
        do {
            return try Almacen(ruta: base)
        } catch {
            throw CommandFailure(message: error.mensaje, code: 1)
        }
    }

    /// The year's indicators, with the series of earlier years from the store and `historico.csv`.
    static func indicadores(anio: Int, almacen: Almacen, metodologia m: Metodologia, publicable: Bool) throws
        -> (resultados: [ResultadoIndicador], datos: DatosAnio)
    {
        var calculador = CalculadorIndicadores(metodologia: m)
        calculador.historico = CalculadorIndicadores.leerHistorico(
            m.carpeta.deletingLastPathComponent().appendingPathComponent("historico.csv"))
        var otros: [DatosAnio] = []
        for a in (anio - 4)..<anio {
            if let ma = try? UbicacionInstrumento.cargar(anio: a, explicita: nil),
                let d = try? datos(anio: a, almacen: almacen, metodologia: ma), !d.envios.isEmpty
            {
                otros.append(d)
            }
        }
        let actual = try datos(anio: anio, almacen: almacen, metodologia: m)
        return (calculador.calcular(actual, otrosAnios: otros, publicable: publicable), actual)
    }

    static func datos(anio: Int, almacen: Almacen, metodologia m: Metodologia) throws -> DatosAnio {
        let vigentes = try almacen.vigentes(anio: anio)
        let envios = try vigentes.map { r in
            var filas: [String: [[String: Valor]]] = [:]
            for hoja in m.hojas { filas[hoja.clave] = try almacen.filas(envio: r.id, hoja: hoja) }
            return EnvioVigente(instancia: r.instancia ?? "", version: r.version ?? 0, filas: filas)
        }
        return DatosAnio(
            anio: anio, envios: envios, instanciasCatalogo: m.catalogos["instancias"]?.entradas.count ?? 0,
            aceptadasEnVersion1: try almacen.aceptadasEnVersion1(anio: anio))
    }
}
