import Almacen
import ArgumentParser
import Foundation
import Portal
import Servicios

/// `informe servir`: the validation portal for institutions and the Grupo Técnico.
///
/// ```
/// informe servir --puerto 8080 --base Salidas/informe.sqlite
/// ```
struct Servir: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "servir",
        abstract:
            "Inicia el portal web: las instituciones revisan y envían su instrumento; el Grupo Técnico ve las entregas y construye el informe.",
        discussion: """
            Cree antes las claves de acceso con «informe claves crear». El portal escucha en --anfitrion:--puerto \
            (por omisión 127.0.0.1:8080) y termina ordenadamente con Ctrl+C o SIGTERM: las peticiones en curso se \
            completan y una carga a medias no queda guardada.
            Ejemplo: informe servir --puerto 8080 --base Salidas/informe.sqlite
            """
    )

    @Option(help: "Puerto TCP.")
    var puerto: Int = 8080

    @Option(help: "Dirección en la que escucha.")
    var anfitrion: String = "127.0.0.1"

    @Option(name: .customLong("base"), help: ayudaBase)
    var baseIndicada: String?
    /// The store: `--base`, else `INFORME_BASE`, else the sample store.
    var base: String { Almacenes.elegida(baseIndicada) }

    @Option(help: "Carpeta de las metodologías (por omisión Instrumento/).")
    var instrumento: String?

    @Option(help: "Tamaño máximo de un archivo subido, en MB.")
    var limite: Int = 20

    /// Opens (or creates) the store; a synchronous step (typed throws in async code trips the compiler).
    private func abrirAlmacen() throws(CommandFailure) -> any Almacen {
        do {
            return try Almacenes.abrir(base, crear: true)
        } catch {
            throw CommandFailure(error)
        }
    }

    func run() async throws { try await servir() }

    /// Starts the portal and serves until SIGTERM or SIGINT.
    func servir() async throws {
        let instrumentos =
            instrumento.map { Instrumentos(raiz: URL(fileURLWithPath: $0)) } ?? UbicacionInstrumento.instrumentos
        guard !instrumentos.anios.isEmpty else {
            throw CommandFailure(
                message: "No hay ninguna metodología en «\(instrumentos.raiz.path)»; indíquela con --instrumento.",
                code: 2)
        }
        guard (1...65535).contains(puerto) else {
            throw CommandFailure(message: "El puerto debe estar entre 1 y 65535.", code: 2)
        }
        let almacen = try abrirAlmacen()
        var configuracion = Configuracion(
            plantillas: instrumentos.plantillas.appendingPathComponent("portal"),
            salidas: Almacenes.carpetaVecina(base).appendingPathComponent("portal"))
        configuracion.anfitrion = anfitrion
        configuracion.puerto = puerto
        configuracion.limiteSubida = limite << 20
        let portal: Portal
        do {
            portal = try await Portal(instrumentos: instrumentos, almacen: almacen, configuracion: configuracion)
        } catch {
            throw CommandFailure(
                message: "No se pudieron leer las plantillas del portal en «\(configuracion.plantillas.path)».", code: 2
            )
        }
        writeError(
            "Portal del Informe Anual en http://\(anfitrion):\(puerto)/ (almacén \(Almacenes.sinClave(base))); Ctrl+C para terminar."
        )
        do {
            try await portal.aplicacion().runService()
        } catch {
            let texto = "\(error)"
            let causa =
                texto.contains("errno: 98") || texto.contains("Address already in use")
                ? "el puerto \(puerto) ya está en uso; elija otro con --puerto"
                : texto.contains("errno: 13") || texto.contains("Permission denied")
                    ? "no tiene permiso para escuchar en el puerto \(puerto) (los menores que 1024 requieren privilegios)"
                    : texto.contains("errno: 99") || texto.contains("Cannot assign requested address")
                        ? "la dirección «\(anfitrion)» no es de esta máquina"
                        : "error del servidor"
            throw CommandFailure(message: "El portal se detuvo: \(causa).", code: 1)
        }
    }
}
